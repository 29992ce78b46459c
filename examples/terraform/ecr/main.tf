# ECR repository and registry policies.
resource "aws_ecr_repository" "main" {
  name = "example"
}

data "aws_iam_policy_document" "org_pull" {
  statement {
    sid     = "OrgPull"
    actions = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-a1b2c3d4e5"]
    }
  }
  statement {
    sid     = "LambdaPullFromOwnAccount"
    actions = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "aws:sourceArn"
      values   = ["arn:aws:lambda:eu-west-1:111111111111:function:*"]
    }
  }
}

resource "aws_ecr_repository_policy" "good_data_document" {
  repository = aws_ecr_repository.main.name
  policy     = data.aws_iam_policy_document.org_pull.json
}

resource "aws_ecr_repository_policy" "bad_public_pull" {
  repository = aws_ecr_repository.main.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PublicPull"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}

resource "aws_ecr_repository_policy" "bad_lambda_no_source" {
  repository = aws_ecr_repository.main.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}

resource "aws_ecr_registry_policy" "good_replication_own_account" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ReplicationFromOwnAccount"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::222222222222:root" }
      Action    = ["ecr:ReplicateImage", "ecr:CreateRepository"]
      Resource  = "arn:aws:ecr:eu-west-1:111111111111:repository/*"
    }]
  })
}

resource "aws_ecr_registry_policy" "bad_replication_foreign_account" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ReplicationFromForeignAccount"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = ["ecr:ReplicateImage", "ecr:CreateRepository"]
      Resource  = "arn:aws:ecr:eu-west-1:111111111111:repository/*"
    }]
  })
}
