# CloudWatch Logs resource policies and destination policies.
data "aws_caller_identity" "current" {}

resource "aws_cloudwatch_log_resource_policy" "good_service_source_account" {
  policy_name = "route53-query-logging"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "route53.amazonaws.com" }
      Action    = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource  = "arn:aws:logs:*:*:log-group:/aws/route53/*"
      Condition = { StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }
    }]
  })
}

resource "aws_cloudwatch_log_resource_policy" "bad_service_no_source" {
  policy_name = "es-logs"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "es.amazonaws.com" }
      Action    = ["logs:PutLogEvents", "logs:CreateLogStream"]
      Resource  = "arn:aws:logs:*"
    }]
  })
}

resource "aws_cloudwatch_log_resource_policy" "bad_public" {
  policy_name = "public"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["logs:PutLogEvents"]
      Resource  = "arn:aws:logs:*"
    }]
  })
}

resource "aws_cloudwatch_log_destination_policy" "good_org_destination" {
  destination_name = "central"
  access_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "logs:PutSubscriptionFilter"
      Resource  = "arn:aws:logs:eu-west-1:111111111111:destination:central"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

resource "aws_cloudwatch_log_destination_policy" "bad_foreign_account_destination" {
  destination_name = "central"
  access_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "444455556666" }
      Action    = "logs:PutSubscriptionFilter"
      Resource  = "arn:aws:logs:eu-west-1:111111111111:destination:central"
    }]
  })
}
