# AWS Backup vault access policies.
resource "aws_backup_vault" "main" {
  name = "example"
}

resource "aws_backup_vault_policy" "good_org_copy" {
  backup_vault_name = aws_backup_vault.main.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OrgCopyInto"
      Effect    = "Allow"
      Principal = "*"
      Action    = "backup:CopyIntoBackupVault"
      Resource  = "*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = ["o-a1b2c3d4e5"] } }
    }]
  })
}

resource "aws_backup_vault_policy" "bad_public_copy" {
  backup_vault_name = aws_backup_vault.main.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AnyoneCopyInto"
      Effect    = "Allow"
      Principal = "*"
      Action    = "backup:CopyIntoBackupVault"
      Resource  = "*"
    }]
  })
}
