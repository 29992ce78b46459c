# EFS file system policies.
resource "aws_efs_file_system" "main" {
  creation_token = "example"
}

resource "aws_efs_file_system_policy" "good_org_secure_transport" {
  file_system_id = aws_efs_file_system.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "OrgMount"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
        Resource  = aws_efs_file_system.main.arn
        Condition = {
          StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" }
          Bool         = { "aws:SecureTransport" = "true" }
        }
      }
    ]
  })
}

resource "aws_efs_file_system_policy" "bad_secure_transport_only" {
  file_system_id = aws_efs_file_system.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AnyoneOverTls"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["elasticfilesystem:ClientMount"]
      Resource  = aws_efs_file_system.main.arn
      Condition = { Bool = { "aws:SecureTransport" = "true" } }
    }]
  })
}

resource "aws_efs_file_system_policy" "bad_service_no_source" {
  file_system_id = aws_efs_file_system.main.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "backup.amazonaws.com" }
      Action    = ["elasticfilesystem:Backup"]
      Resource  = aws_efs_file_system.main.arn
    }]
  })
}
