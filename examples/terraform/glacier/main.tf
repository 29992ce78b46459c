# Glacier vault access policies and vault locks.
resource "aws_glacier_vault" "good_own_account" {
  name = "good"
  access_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111111111111:root" }
      Action    = ["glacier:InitiateJob", "glacier:GetJobOutput"]
      Resource  = "arn:aws:glacier:eu-west-1:111111111111:vaults/good"
    }]
  })
}

resource "aws_glacier_vault" "bad_public" {
  name = "bad"
  access_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["glacier:InitiateJob", "glacier:GetJobOutput"]
      Resource  = "arn:aws:glacier:eu-west-1:111111111111:vaults/bad"
    }]
  })
}

resource "aws_glacier_vault" "main" {
  name = "locked"
}

resource "aws_glacier_vault_lock" "good_deny_delete" {
  complete_lock = false
  vault_name    = aws_glacier_vault.main.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "glacier:DeleteArchive"
      Resource  = aws_glacier_vault.main.arn
      Condition = { NumericLessThanEquals = { "glacier:ArchiveAgeinDays" = "365" } }
    }]
  })
}

resource "aws_glacier_vault_lock" "bad_lock_allows_foreign_org" {
  complete_lock = false
  vault_name    = aws_glacier_vault.main.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "glacier:InitiateJob"
      Resource  = aws_glacier_vault.main.arn
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-zzzzzzzzzz" } }
    }]
  })
}
