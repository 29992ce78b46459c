# Kinesis Data Streams resource policies.
resource "aws_kinesis_stream" "main" {
  name        = "example"
  shard_count = 1
}

resource "aws_kinesis_resource_policy" "good_org" {
  resource_arn = aws_kinesis_stream.main.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["kinesis:GetRecords", "kinesis:DescribeStreamSummary"]
      Resource  = aws_kinesis_stream.main.arn
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

resource "aws_kinesis_resource_policy" "bad_foreign_account" {
  resource_arn = aws_kinesis_stream.main.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:role/consumer" }
      Action    = ["kinesis:GetRecords"]
      Resource  = aws_kinesis_stream.main.arn
    }]
  })
}
