# Compliant (good_*) and non-compliant (bad_*) S3 bucket policies.
# Expected findings: examples/golden.yaml.

# ------------------------------------------------------------------ compliant

resource "aws_s3_bucket_policy" "good_org_jsonencode" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OrgRead"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject"]
      Resource  = "${aws_s3_bucket.main.arn}/*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = var.org_id } }
    }]
  })
}

resource "aws_s3_bucket_policy" "good_statement_object" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = {
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111111111111:root" }
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.main.arn}/*"
    }
  })
}

resource "aws_s3_bucket_policy" "good_heredoc_own_account" {
  bucket = aws_s3_bucket.main.id
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "OwnAccounts",
      "Effect": "Allow",
      "Principal": {"AWS": ["arn:aws:iam::222222222222:role/reader", "111111111111"]},
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::example-data-bucket/*"
    }
  ]
}
POLICY
}

resource "aws_s3_bucket_policy" "good_caller_identity" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.main.arn, "${aws_s3_bucket.main.arn}/*"]
    }]
  })
}

resource "aws_s3_bucket_policy" "good_trusted_account" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::999999999999:role/auditor" }
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.main.arn}/*"
    }]
  })
}

data "aws_iam_policy_document" "org_read" {
  statement {
    sid       = "OrgReadDataDocument"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.main.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = [var.org_id]
    }
  }
}

resource "aws_s3_bucket_policy" "good_data_document" {
  bucket = aws_s3_bucket.main.id
  policy = data.aws_iam_policy_document.org_read.json
}

resource "aws_s3_bucket_policy" "good_locals" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode(local.locals_org_policy)
}

resource "aws_s3_bucket_policy" "good_lowercase_keys" {
  bucket = aws_s3_bucket.main.id
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "*"},
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::example-data-bucket/*",
      "Condition": {"stringequals": {"aws:principalorgid": "o-a1b2c3d4e5"}}
    }
  ]
}
POLICY
}

resource "aws_s3_bucket_policy" "good_org_paths" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.main.arn}/*"
      Condition = {
        "ForAnyValue:StringLike" = { "aws:PrincipalOrgPaths" = ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"] }
      }
    }]
  })
}

resource "aws_s3_bucket_policy" "good_principal_account" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.main.arn}/*"
      Condition = { StringEquals = { "aws:PrincipalAccount" = ["111111111111", "222222222222"] } }
    }]
  })
}

# A public Allow made safe by the Deny guard of AWS's 2022 templates.
resource "aws_s3_bucket_policy" "good_deny_guard" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "PublicReadInsideGuard"
        Effect    = "Allow"
        Principal = "*"
        Action    = "s3:GetObject"
        Resource  = "${aws_s3_bucket.main.arn}/*"
      },
      {
        Sid       = "EnforceIdentityPerimeter"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.main.arn, "${aws_s3_bucket.main.arn}/*"]
        Condition = {
          StringNotEqualsIfExists = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" }
          BoolIfExists            = { "aws:PrincipalIsAWSService" = "false" }
        }
      }
    ]
  })
}

resource "aws_s3_bucket_policy" "good_service_source_account" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "CloudTrailWrite"
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_bucket.main.arn}/AWSLogs/*"
      Condition = { StringEquals = { "aws:SourceAccount" = "111111111111" } }
    }]
  })
}

# ------------------------------------------------------------------ non-compliant

resource "aws_s3_bucket_policy" "bad_principal_star" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.main.arn}/*"
    }]
  })
}

resource "aws_s3_bucket_policy" "bad_aws_star" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = {
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.main.arn}/*"
    }
  })
}

resource "aws_s3_bucket_policy" "bad_mixed_own_and_star" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = ["arn:aws:iam::111111111111:root", "*"] }
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.main.arn}/*"
    }]
  })
}

resource "aws_s3_bucket_policy" "bad_foreign_account" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.main.arn}/*"
    }]
  })
}

resource "aws_s3_bucket_policy" "bad_not_principal" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect       = "Allow"
      NotPrincipal = { AWS = "arn:aws:iam::111111111111:root" }
      Action       = "s3:GetObject"
      Resource     = "${aws_s3_bucket.main.arn}/*"
    }]
  })
}

resource "aws_s3_bucket_policy" "bad_if_exists_org" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.main.arn}/*"
      Condition = { StringEqualsIfExists = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

resource "aws_s3_bucket_policy" "bad_string_not_equals_allow" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.main.arn}/*"
      Condition = { StringNotEquals = { "aws:PrincipalOrgID" = "o-zzzzzzzzzz" } }
    }]
  })
}

resource "aws_s3_bucket_policy" "bad_for_all_values_org" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.main.arn}/*"
      Condition = { "ForAllValues:StringEquals" = { "aws:PrincipalOrgID" = ["o-a1b2c3d4e5"] } }
    }]
  })
}

resource "aws_s3_bucket_policy" "bad_wildcard_org" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.main.arn}/*"
      Condition = { StringLike = { "aws:PrincipalOrgID" = "o-*" } }
    }]
  })
}

resource "aws_s3_bucket_policy" "bad_foreign_org" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.main.arn}/*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-zzzzzzzzzz" } }
    }]
  })
}

resource "aws_s3_bucket_policy" "bad_org_paths_outside" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.main.arn}/*"
      Condition = {
        "ForAnyValue:StringLike" = { "aws:PrincipalOrgPaths" = ["o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/*"] }
      }
    }]
  })
}

resource "aws_s3_bucket_policy" "bad_guard_foreign_org" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "s3:GetObject"
        Resource  = "${aws_s3_bucket.main.arn}/*"
      },
      {
        Sid       = "GuardForTheWrongOrg"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.main.arn, "${aws_s3_bucket.main.arn}/*"]
        Condition = {
          StringNotEqualsIfExists = { "aws:PrincipalOrgID" = "o-zzzzzzzzzz" }
          BoolIfExists            = { "aws:PrincipalIsAWSService" = "false" }
        }
      }
    ]
  })
}

resource "aws_s3_bucket_policy" "bad_service_no_source" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "CloudTrailWriteAnyAccount"
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_bucket.main.arn}/AWSLogs/*"
    }]
  })
}

# The deprecated inline bucket policy is a carrier too.
resource "aws_s3_bucket" "bad_inline_policy" {
  bucket = "example-inline-policy-bucket"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::example-inline-policy-bucket/*"
    }]
  })
}

# ------------------------------------------------------------------ unverifiable (warn)

# The document does not exist in this module: nothing can be verified.
resource "aws_s3_bucket_policy" "bad_unresolved_missing_document" {
  bucket = aws_s3_bucket.main.id
  policy = data.aws_iam_policy_document.missing.json
}

# A variable without default inside the principal.
resource "aws_s3_bucket_policy" "bad_unresolved_principal_variable" {
  bucket = aws_s3_bucket.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = var.partner_account_id }
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.main.arn}/*"
    }]
  })
}
