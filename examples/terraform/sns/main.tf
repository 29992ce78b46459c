# SNS topic policies, inline and separate, plus AWS's sns_topic_policy.json (2022).
variable "org_id" {
  type    = string
  default = "o-a1b2c3d4e5"
}

resource "aws_sns_topic" "main" {
  name = "example"
}

locals {
  org_publish = {
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["sns:Publish", "sns:Subscribe"]
      Resource  = aws_sns_topic.main.arn
      Condition = { StringEquals = { "aws:PrincipalOrgID" = var.org_id } }
    }]
  }
}

resource "aws_sns_topic_policy" "good_locals_org" {
  arn    = aws_sns_topic.main.arn
  policy = jsonencode(local.org_publish)
}

resource "aws_sns_topic_policy" "good_service_source_account" {
  arn = aws_sns_topic.main.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "sns:Publish"
      Resource  = aws_sns_topic.main.arn
      Condition = { StringEquals = { "aws:SourceAccount" = "222222222222" } }
    }]
  })
}

resource "aws_sns_topic_policy" "bad_service_foreign_source" {
  arn = aws_sns_topic.main.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "sns:Publish"
      Resource  = aws_sns_topic.main.arn
      Condition = { StringEquals = { "aws:SourceAccount" = "444455556666" } }
    }]
  })
}

resource "aws_sns_topic_policy" "bad_public_subscribe" {
  arn = aws_sns_topic.main.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sns:Subscribe"
      Resource  = aws_sns_topic.main.arn
    }]
  })
}

resource "aws_sns_topic" "good_inline_own_account" {
  name = "good-inline"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "111111111111" }
      Action    = "sns:Publish"
      Resource  = "*"
    }]
  })
}

resource "aws_sns_topic" "bad_inline_string_not_equals" {
  name = "bad-inline"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sns:Publish"
      Resource  = "*"
      Condition = { StringNotEquals = { "aws:PrincipalAccount" = "444455556666" } }
    }]
  })
}

resource "aws_sns_topic_policy" "good_aws_reference_2022" {
  arn    = aws_sns_topic.main.arn
  policy = <<POLICY
{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "OwnAccountPublish",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::222222222222:root"},
            "Action": "sns:Publish",
            "Resource": "*"
        },
        {
            "Sid": "EnforceIdentityPerimeter",
            "Effect": "Deny",
            "Principal": "*",
            "Action": [
                "sns:GetTopicAttributes",
                "sns:SetTopicAttributes",
                "sns:AddPermission",
                "sns:RemovePermission",
                "sns:DeleteTopic",
                "sns:Subscribe",
                "sns:ListSubscriptionsByTopic",
                "sns:Publish"
            ],
            "Resource": "*",
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
            "Principal": "*",
            "Action": [
                "sns:GetTopicAttributes",
                "sns:SetTopicAttributes",
                "sns:AddPermission",
                "sns:RemovePermission",
                "sns:DeleteTopic",
                "sns:Subscribe",
                "sns:ListSubscriptionsByTopic",
                "sns:Publish"
            ],
            "Resource": "*",
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
