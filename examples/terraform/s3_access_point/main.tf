# S3 access points, Multi-Region and Object Lambda access points, S3 on Outposts buckets.
variable "org_id" {
  type    = string
  default = "o-a1b2c3d4e5"
}

locals {
  ap_arn = "arn:aws:s3:eu-west-1:111111111111:accesspoint/example"
}

resource "aws_s3_access_point" "good_org_inline" {
  bucket = "example-data-bucket"
  name   = "good-org"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${local.ap_arn}/object/*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = var.org_id } }
    }]
  })
}

resource "aws_s3_access_point" "bad_public_inline" {
  bucket = "example-data-bucket"
  name   = "bad-public"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "s3:GetObject"
      Resource  = "${local.ap_arn}/object/*"
    }]
  })
}

resource "aws_s3_access_point" "main" {
  bucket = "example-data-bucket"
  name   = "main"
}

data "aws_iam_policy_document" "ap_own_account" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_access_point.main.arn}/object/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::222222222222:role/reader"]
    }
  }
}

resource "aws_s3control_access_point_policy" "good_data_document" {
  access_point_arn = aws_s3_access_point.main.arn
  policy           = data.aws_iam_policy_document.ap_own_account.json
}

resource "aws_s3control_access_point_policy" "bad_foreign_account" {
  access_point_arn = aws_s3_access_point.main.arn
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::444455556666:role/reader"},
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:eu-west-1:111111111111:accesspoint/main/object/*"
  }]
}
POLICY
}

resource "aws_s3control_bucket_policy" "good_outposts_org" {
  bucket = "arn:aws:s3-outposts:eu-west-1:111111111111:outpost/op-01ac5d28a6a232904/bucket/example"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3-outposts:GetObject"
      Resource  = "*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

resource "aws_s3control_bucket_policy" "bad_outposts_public" {
  bucket = "arn:aws:s3-outposts:eu-west-1:111111111111:outpost/op-01ac5d28a6a232904/bucket/example"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3-outposts:GetObject"
      Resource  = "*"
    }]
  })
}

resource "aws_s3control_multi_region_access_point_policy" "good_mrap_org" {
  details {
    name = "example"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect    = "Allow"
        Principal = "*"
        Action    = "s3:GetObject"
        Resource  = "arn:aws:s3::111111111111:accesspoint/example.mrap/object/*"
        Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
      }]
    })
  }
}

resource "aws_s3control_multi_region_access_point_policy" "bad_mrap_wildcard_org" {
  details {
    name = "example"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect    = "Allow"
        Principal = "*"
        Action    = "s3:GetObject"
        Resource  = "arn:aws:s3::111111111111:accesspoint/example.mrap/object/*"
        Condition = { StringLike = { "aws:PrincipalOrgID" = "o-*" } }
      }]
    })
  }
}

resource "aws_s3control_object_lambda_access_point_policy" "good_olap_own_account" {
  name = "example-olap"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111111111111:root" }
      Action    = "s3-object-lambda:GetObject"
      Resource  = "arn:aws:s3-object-lambda:eu-west-1:111111111111:accesspoint/example-olap"
    }]
  })
}

resource "aws_s3control_object_lambda_access_point_policy" "bad_olap_not_principal" {
  name = "example-olap"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect       = "Allow"
      NotPrincipal = { AWS = "arn:aws:iam::111111111111:root" }
      Action       = "s3-object-lambda:GetObject"
      Resource     = "arn:aws:s3-object-lambda:eu-west-1:111111111111:accesspoint/example-olap"
    }]
  })
}
