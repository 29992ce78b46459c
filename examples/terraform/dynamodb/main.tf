# DynamoDB resource policies.
resource "aws_dynamodb_table" "main" {
  name         = "example"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_dynamodb_resource_policy" "good_own_account" {
  resource_arn = aws_dynamodb_table.main.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::222222222222:role/reader" }
      Action    = ["dynamodb:GetItem", "dynamodb:Query"]
      Resource  = aws_dynamodb_table.main.arn
    }]
  })
}

resource "aws_dynamodb_resource_policy" "bad_foreign_org" {
  resource_arn = aws_dynamodb_table.main.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["dynamodb:GetItem"]
      Resource  = aws_dynamodb_table.main.arn
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-zzzzzzzzzz" } }
    }]
  })
}
