# Glue Data Catalog resource policies.
resource "aws_glue_resource_policy" "good_org_paths" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["glue:GetTable", "glue:GetTables", "glue:GetDatabase"]
      Resource  = "arn:aws:glue:eu-west-1:111111111111:*"
      Condition = { "ForAnyValue:StringLike" = { "aws:PrincipalOrgPaths" = "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*" } }
    }]
  })
}

resource "aws_glue_resource_policy" "bad_wildcard_org" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["glue:GetTable"]
      Resource  = "arn:aws:glue:eu-west-1:111111111111:*"
      Condition = { StringLike = { "aws:PrincipalOrgID" = "o-*" } }
    }]
  })
}
