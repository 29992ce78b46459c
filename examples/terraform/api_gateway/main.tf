# API Gateway REST API resource policies (inline and separate).
resource "aws_api_gateway_rest_api" "good_inline_org" {
  endpoint_configuration {
    types = ["PRIVATE"]
  }
  name = "good-inline"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "execute-api:Invoke"
      Resource  = "execute-api:/*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

resource "aws_api_gateway_rest_api" "bad_inline_public" {
  endpoint_configuration {
    types = ["PRIVATE"]
  }
  name   = "bad-inline"
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": "*",
    "Action": "execute-api:Invoke",
    "Resource": "execute-api:/*"
  }
}
POLICY
}

resource "aws_api_gateway_rest_api" "main" {
  endpoint_configuration {
    types = ["PRIVATE"]
  }
  name = "main"
}

data "aws_iam_policy_document" "invoke_own_accounts" {
  statement {
    actions   = ["execute-api:Invoke"]
    resources = ["${aws_api_gateway_rest_api.main.execution_arn}/*"]
    principals {
      type        = "AWS"
      identifiers = ["111111111111", "arn:aws:iam::222222222222:root"]
    }
  }
}

resource "aws_api_gateway_rest_api_policy" "good_data_document" {
  rest_api_id = aws_api_gateway_rest_api.main.id
  policy      = data.aws_iam_policy_document.invoke_own_accounts.json
}

resource "aws_api_gateway_rest_api_policy" "bad_for_all_values_org" {
  rest_api_id = aws_api_gateway_rest_api.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "execute-api:Invoke"
      Resource  = "${aws_api_gateway_rest_api.main.execution_arn}/*"
      Condition = { "ForAllValues:StringEquals" = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

resource "aws_api_gateway_rest_api_policy" "bad_service_no_source" {
  rest_api_id = aws_api_gateway_rest_api.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "execute-api:Invoke"
      Resource  = "${aws_api_gateway_rest_api.main.execution_arn}/*"
    }]
  })
}
