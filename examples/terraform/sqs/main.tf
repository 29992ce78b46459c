# SQS queue policies (separate resource and inline), a child module using a data document,
# and AWS's resource_based_policies_2022/sqs_queue_policy.json.
variable "org_id" {
  type    = string
  default = "o-a1b2c3d4e5"
}

resource "aws_sqs_queue" "main" {
  name = "example-main"
}

module "queue" {
  source = "./modules/queue"
  org_id = var.org_id
}

data "aws_iam_policy_document" "sns_to_queue" {
  statement {
    sid       = "SnsWithSourceArn"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.main.arn]
    principals {
      type        = "Service"
      identifiers = ["sns.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = ["arn:aws:sns:eu-west-1:111111111111:example-topic"]
    }
  }
}

resource "aws_sqs_queue_policy" "good_service_source_arn" {
  queue_url = aws_sqs_queue.main.id
  policy    = data.aws_iam_policy_document.sns_to_queue.json
}

resource "aws_sqs_queue_policy" "bad_service_no_source" {
  queue_url = aws_sqs_queue.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.main.arn
    }]
  })
}

resource "aws_sqs_queue_policy" "bad_foreign_org" {
  queue_url = aws_sqs_queue.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.main.arn
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-zzzzzzzzzz" } }
    }]
  })
}

resource "aws_sqs_queue" "good_inline_org" {
  name = "good-inline-org"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:eu-west-1:111111111111:good-inline-org"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

resource "aws_sqs_queue" "bad_inline_if_exists" {
  name   = "bad-inline-if-exists"
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": "*",
    "Action": "sqs:SendMessage",
    "Resource": "arn:aws:sqs:eu-west-1:111111111111:bad-inline-if-exists",
    "Condition": {"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}
  }]
}
POLICY
}

resource "aws_sqs_queue_policy" "good_aws_reference_2022" {
  queue_url = aws_sqs_queue.main.id
  policy = <<POLICY
{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "OrgSend",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "sqs:SendMessage",
            "Resource": "*"
        },
        {
            "Sid": "EnforceIdentityPerimeter",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "sqs:*",
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
            "Action": "sqs:*",
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
