# EventBridge bus policies and aws_cloudwatch_event_permission (flat arguments).
resource "aws_cloudwatch_event_bus" "main" {
  name = "example"
}

resource "aws_cloudwatch_event_permission" "good_org_condition" {
  principal      = "*"
  statement_id   = "OrgPutEvents"
  event_bus_name = aws_cloudwatch_event_bus.main.name
  condition {
    key   = "aws:PrincipalOrgID"
    type  = "StringEquals"
    value = "o-a1b2c3d4e5"
  }
}

resource "aws_cloudwatch_event_permission" "bad_public" {
  principal      = "*"
  statement_id   = "PublicPutEvents"
  event_bus_name = aws_cloudwatch_event_bus.main.name
}

resource "aws_cloudwatch_event_permission" "bad_foreign_org_condition" {
  principal      = "*"
  statement_id   = "ForeignOrgPutEvents"
  event_bus_name = aws_cloudwatch_event_bus.main.name
  condition {
    key   = "aws:PrincipalOrgID"
    type  = "StringEquals"
    value = "o-zzzzzzzzzz"
  }
}

resource "aws_cloudwatch_event_permission" "good_own_account" {
  principal      = "222222222222"
  statement_id   = "OwnAccountPutEvents"
  event_bus_name = aws_cloudwatch_event_bus.main.name
}

resource "aws_cloudwatch_event_permission" "bad_foreign_account" {
  principal      = "444455556666"
  statement_id   = "ForeignAccountPutEvents"
  event_bus_name = aws_cloudwatch_event_bus.main.name
}

data "aws_iam_policy_document" "bus_org" {
  statement {
    sid       = "OrgPutEvents"
    actions   = ["events:PutEvents"]
    resources = [aws_cloudwatch_event_bus.main.arn]
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
}

resource "aws_cloudwatch_event_bus_policy" "good_data_document" {
  event_bus_name = aws_cloudwatch_event_bus.main.name
  policy         = data.aws_iam_policy_document.bus_org.json
}

resource "aws_cloudwatch_event_bus_policy" "bad_if_exists" {
  event_bus_name = aws_cloudwatch_event_bus.main.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "events:PutEvents"
      Resource  = aws_cloudwatch_event_bus.main.arn
      Condition = { StringEqualsIfExists = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}
