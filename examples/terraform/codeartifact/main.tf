# CodeArtifact domain and repository permissions policies.
resource "aws_codeartifact_domain" "main" {
  domain = "example"
}

resource "aws_codeartifact_repository" "main" {
  repository = "example"
  domain     = aws_codeartifact_domain.main.domain
}

resource "aws_codeartifact_domain_permissions_policy" "good_org" {
  domain = aws_codeartifact_domain.main.domain
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["codeartifact:GetAuthorizationToken", "sts:GetServiceBearerToken"]
      Resource  = "*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

resource "aws_codeartifact_domain_permissions_policy" "bad_public" {
  domain = aws_codeartifact_domain.main.domain
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["codeartifact:GetAuthorizationToken"]
      Resource  = "*"
    }]
  })
}

resource "aws_codeartifact_repository_permissions_policy" "good_own_account" {
  repository = aws_codeartifact_repository.main.repository
  domain     = aws_codeartifact_domain.main.domain
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111111111111:root" }
      Action    = ["codeartifact:ReadFromRepository"]
      Resource  = "*"
    }]
  })
}

resource "aws_codeartifact_repository_permissions_policy" "bad_not_principal" {
  repository = aws_codeartifact_repository.main.repository
  domain     = aws_codeartifact_domain.main.domain
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect       = "Allow"
      NotPrincipal = { AWS = "arn:aws:iam::111111111111:root" }
      Action       = ["codeartifact:ReadFromRepository"]
      Resource     = "*"
    }]
  })
}
