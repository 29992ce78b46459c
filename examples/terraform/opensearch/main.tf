# OpenSearch and Elasticsearch domain access policies.
resource "aws_opensearch_domain" "good_inline_own_role" {
  vpc_options {
    subnet_ids = ["subnet-0a1b2c3d"]
  }
  domain_name = "good-inline"
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111111111111:role/search-admin" }
      Action    = "es:*"
      Resource  = "arn:aws:es:eu-west-1:111111111111:domain/good-inline/*"
    }]
  })
}

resource "aws_opensearch_domain" "bad_inline_public" {
  vpc_options {
    subnet_ids = ["subnet-0a1b2c3d"]
  }
  domain_name     = "bad-inline"
  access_policies = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": "*"},
    "Action": "es:ESHttpGet",
    "Resource": "arn:aws:es:eu-west-1:111111111111:domain/bad-inline/*"
  }]
}
POLICY
}

resource "aws_opensearch_domain" "main" {
  vpc_options {
    subnet_ids = ["subnet-0a1b2c3d"]
  }
  domain_name = "main"
}

resource "aws_opensearch_domain_policy" "good_org" {
  domain_name = aws_opensearch_domain.main.domain_name
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "es:ESHttp*"
      Resource  = "${aws_opensearch_domain.main.arn}/*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}

# Public, narrowed by source IP only: the network is restricted, the identity is not.
# The engine cannot prove an identity perimeter and reports UNVERIFIED (warn).
resource "aws_opensearch_domain_policy" "bad_ip_only" {
  domain_name = aws_opensearch_domain.main.domain_name
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:ESHttp*"
      Resource  = "${aws_opensearch_domain.main.arn}/*"
      Condition = { IpAddress = { "aws:SourceIp" = ["203.0.113.0/24"] } }
    }]
  })
}

resource "aws_elasticsearch_domain" "bad_legacy_public" {
  vpc_options {
    subnet_ids = ["subnet-0a1b2c3d"]
  }
  domain_name = "legacy"
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "es:*"
      Resource  = "arn:aws:es:eu-west-1:111111111111:domain/legacy/*"
    }]
  })
}

resource "aws_elasticsearch_domain_policy" "good_legacy_principal_account" {
  domain_name = "legacy"
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "es:*"
      Resource  = "arn:aws:es:eu-west-1:111111111111:domain/legacy/*"
      Condition = { StringEquals = { "aws:PrincipalAccount" = "111111111111" } }
    }]
  })
}
