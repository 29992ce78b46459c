# KMS key policies: aws_kms_key, aws_kms_key_policy, replica and external keys,
# plus AWS's kms_key_policy.json (2022).
data "aws_caller_identity" "current" {}

resource "aws_kms_key" "good_caller_account" {
  description = "Key usable by every principal of account 111111111111 via kms:CallerAccount"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "RootAdmin"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "UseViaS3"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = "*"
        Condition = {
          StringEquals = {
            "kms:CallerAccount" = "111111111111"
            "kms:ViaService"    = "s3.eu-west-1.amazonaws.com"
          }
        }
      }
    ]
  })
}

resource "aws_kms_key" "bad_public_key" {
  description = "Anyone can decrypt"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "kms:Decrypt"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_key" "main" {
  description = "Key whose policy is set by aws_kms_key_policy"
}

resource "aws_kms_key_policy" "good_org" {
  key_id = aws_kms_key.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "kms:Decrypt"
      Resource  = "*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

resource "aws_kms_key_policy" "bad_foreign_account" {
  key_id = aws_kms_key.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = ["arn:aws:iam::111111111111:root", "arn:aws:iam::444455556666:root"] }
      Action    = "kms:Decrypt"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_key_policy" "bad_service_no_source" {
  key_id = aws_kms_key.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "logs.eu-west-1.amazonaws.com" }
      Action    = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"]
      Resource  = "*"
    }]
  })
}

resource "aws_kms_key_policy" "good_service_source_arn" {
  key_id = aws_kms_key.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "logs.eu-west-1.amazonaws.com" }
      Action    = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"]
      Resource  = "*"
      Condition = {
        ArnLike = { "kms:EncryptionContext:aws:logs:arn" = "arn:aws:logs:eu-west-1:111111111111:*", "aws:SourceArn" = "arn:aws:logs:eu-west-1:111111111111:log-group:*" }
      }
    }]
  })
}

resource "aws_kms_replica_key" "good_replica_own_account" {
  primary_key_arn = "arn:aws:kms:eu-central-1:111111111111:key/mrk-1234abcd12ab34cd56ef1234567890ab"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111111111111:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_replica_key" "bad_replica_if_exists" {
  primary_key_arn = "arn:aws:kms:eu-central-1:111111111111:key/mrk-1234abcd12ab34cd56ef1234567890ab"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "kms:Decrypt"
      Resource  = "*"
      Condition = { StringEqualsIfExists = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

resource "aws_kms_external_key" "good_external_own_account" {
  description = "Imported key material"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::222222222222:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_external_key" "bad_external_foreign_caller_account" {
  description = "Imported key material"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "kms:Decrypt"
      Resource  = "*"
      Condition = { StringEquals = { "kms:CallerAccount" = "444455556666" } }
    }]
  })
}

resource "aws_kms_key" "good_aws_reference_2022" {
  description = "AWS resource_based_policies_2022/kms_key_policy.json, placeholders filled"
  policy      = <<POLICY
{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "RootAdmin",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::111111111111:root"},
            "Action": "kms:*",
            "Resource": "*"
        },
        {
            "Sid": "EnforceIdentityPerimeter",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "kms:*",
            "Resource": "*",
            "Condition": {
                "StringNotEqualsIfExists": {
                    "aws:PrincipalOrgID": "o-a1b2c3d4e5"
                },
                "BoolIfExists": {
                    "aws:PrincipalIsAWSService": "false"
                }
            }
        },
        {
            "Sid": "EnforceNetworkPerimeter",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "kms:*",
            "Resource": "*",
            "Condition": {
                "NotIpAddressIfExists": {
                    "aws:SourceIp": "203.0.113.0/24"
                },
                "StringNotEqualsIfExists": {
                    "aws:SourceVpc": "vpc-0a1b2c3d4e5f60001",
                    "aws:PrincipalTag/network-perimeter-exception": "true"
                },
                "BoolIfExists": {
                    "aws:PrincipalIsAWSService": "false",
                    "aws:ViaAWSService": "false"
                },
                "ArnNotLikeIfExists": {
                    "aws:PrincipalArn": [
                        "arn:aws:iam::111111111111:role/aws-service-role/*",
                        "arn:aws:iam::*:role/aws:ec2-infrastructure"
                    ]
                },
                "StringEquals": {
                    "aws:PrincipalTag/data-perimeter-include": "true"
                }
            }
        }
    ]
}
POLICY
}
