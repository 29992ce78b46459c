# Identity policies (M1 least privilege): data actions on Resource "*" need a resource-organization condition.

resource "aws_iam_policy" "good_named_resources" {
  name   = "good_named_resources"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "s3:GetObject",
        "s3:PutObject"
      ],
      "Resource": "arn:aws:s3:::example-data-bucket/*"
    }
  ]
}
EOF
}

resource "aws_iam_policy" "good_resource_org" {
  name   = "good_resource_org"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "s3:GetObject",
        "kms:Decrypt"
      ],
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "aws:ResourceOrgID": "o-a1b2c3d4e5"
        }
      }
    }
  ]
}
EOF
}

resource "aws_iam_policy" "bad_data_on_any_resource" {
  name   = "bad_data_on_any_resource"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "s3:GetObject",
        "kms:Decrypt"
      ],
      "Resource": "*"
    }
  ]
}
EOF
}

resource "aws_iam_role_policy" "bad_foreign_resource_account" {
  name   = "bad_foreign_resource_account"
  role = "app"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "sqs:SendMessage",
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "aws:ResourceAccount": "333333333333"
        }
      }
    }
  ]
}
EOF
}

resource "aws_iam_user_policy" "good_list_only" {
  name   = "good_list_only"
  user = "app"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "s3:ListAllMyBuckets",
        "sqs:ListQueues"
      ],
      "Resource": "*"
    }
  ]
}
EOF
}

resource "aws_iam_group_policy" "bad_not_resource" {
  name   = "bad_not_resource"
  group = "app"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "secretsmanager:GetSecretValue",
      "NotResource": "arn:aws:secretsmanager:eu-west-1:111111111111:secret:admin-*"
    }
  ]
}
EOF
}

resource "aws_iam_role" "bad_inline_any_table" {
  name               = "bad_inline_any_table"
  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "Service": "lambda.amazonaws.com"
      },
      "Action": "sts:AssumeRole"
    }
  ]
}
EOF

  inline_policy {
    name   = "data"
    policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "dynamodb:*",
      "Resource": "*"
    }
  ]
}
EOF
  }
}

resource "aws_iam_role" "good_inline_own_account" {
  name               = "good_inline_own_account"
  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "Service": "lambda.amazonaws.com"
      },
      "Action": "sts:AssumeRole"
    }
  ]
}
EOF

  inline_policy {
    name   = "data"
    policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "dynamodb:GetItem",
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "aws:ResourceAccount": "111111111111"
        }
      }
    }
  ]
}
EOF
  }
}
