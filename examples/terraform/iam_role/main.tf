# IAM role trust policies (M8).
variable "partner_role_arn" {
  description = "No default: the trusted principal cannot be known before apply."
  type        = string
}

variable "external_id" {
  type    = string
  default = "example-external-id-7f3a"
}

data "aws_caller_identity" "current" {}

locals {
  github_oidc = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"
}

# ------------------------------------------------------------------ compliant

resource "aws_iam_role" "good_service_principal" {
  name = "good-service"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = {
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }
  })
}

resource "aws_iam_role" "good_own_account" {
  name               = "good-own-account"
  assume_role_policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": ["arn:aws:iam::111111111111:root", "arn:aws:iam::222222222222:role/deployer"]},
    "Action": "sts:AssumeRole"
  }]
}
POLICY
}

resource "aws_iam_role" "good_caller_identity" {
  name = "good-caller-identity"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = "sts:AssumeRole"
    }]
  })
}

data "aws_iam_policy_document" "trusted_partner" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::999999999999:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = [var.external_id]
    }
  }
}

resource "aws_iam_role" "good_trusted_external_id" {
  name               = "good-trusted-external-id"
  assume_role_policy = data.aws_iam_policy_document.trusted_partner.json
}

resource "aws_iam_role" "good_star_org" {
  name = "good-star-org"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

resource "aws_iam_role" "good_github_oidc" {
  name = "good-github-oidc"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = local.github_oidc }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike   = { "token.actions.githubusercontent.com:sub" = "repo:my-org/my-repo:*" }
      }
    }]
  })
}

resource "aws_iam_role" "good_aws_reference_2022" {
  name               = "good-aws-reference"
  assume_role_policy = <<POLICY
{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "OwnAccount",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::111111111111:root"},
            "Action": "sts:AssumeRole"
        },
        {
            "Sid": "EnforceIdentityPerimeter",
            "Effect": "Deny",
            "Principal": {
                "AWS": "*"
            },
            "Action": [
                "sts:AssumeRole",
                "sts:AssumeRoleWithWebIdentity"
            ],
            "Condition": {
                "StringNotEqualsIfExists": {
                    "aws:PrincipalOrgID": "o-a1b2c3d4e5",
                    "aws:PrincipalAccount": [
                        "999999999999"
                    ]
                },
                "BoolIfExists": {
                    "aws:PrincipalIsAWSService": "false"
                }
            }
        },
        {
            "Sid": "EnforceNetworkPerimeter",
            "Effect": "Deny",
            "Principal": {
                "AWS": "*"
              },
            "Action": [
                "sts:AssumeRole",
                "sts:AssumeRoleWithSAML",
                "sts:AssumeRoleWithWebIdentity"
            ],
            "Condition": {
                "NotIpAddressIfExists": {
                    "aws:SourceIp": "203.0.113.0/24"
                },
                "StringNotEqualsIfExists": {
                    "aws:SourceVpc": "vpc-0a1b2c3d4e5f60001",
                    "aws:PrincipalTag/network-perimeter-exception": "true",
                    "aws:PrincipalAccount": [
                        "999999999999"
                    ]
                },
                "BoolIfExists": {
                    "aws:PrincipalIsAWSService": "false",
                    "aws:ViaAWSService": "false"
                },
                "ArnNotLikeIfExists": {
                    "aws:PrincipalArn": "arn:aws:iam::111111111111:role/aws-service-role/*"
                }
            }
        }
    ]
}
POLICY
}

# ------------------------------------------------------------------ non-compliant

resource "aws_iam_role" "bad_trusted_without_external_id" {
  name = "bad-trusted-without-external-id"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::999999999999:root" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role" "bad_foreign_with_external_id" {
  name = "bad-foreign-with-external-id"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "sts:ExternalId" = var.external_id } }
    }]
  })
}

resource "aws_iam_role" "bad_star_no_condition" {
  name = "bad-star"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role" "bad_not_principal" {
  name = "bad-not-principal"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect       = "Allow"
      NotPrincipal = { AWS = "arn:aws:iam::111111111111:root" }
      Action       = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role" "bad_github_oidc_no_sub" {
  name = "bad-github-no-sub"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = local.github_oidc }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = { StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" } }
    }]
  })
}

resource "aws_iam_role" "bad_github_oidc_repo_star" {
  name = "bad-github-repo-star"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = local.github_oidc }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike   = { "token.actions.githubusercontent.com:sub" = "repo:*" }
      }
    }]
  })
}

# ------------------------------------------------------------------ unverifiable (warn)

resource "aws_iam_role" "bad_unresolved_principal_variable" {
  name = "bad-unresolved-principal"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = var.partner_role_arn }
      Action    = "sts:AssumeRole"
    }]
  })
}
