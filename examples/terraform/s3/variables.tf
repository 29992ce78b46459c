variable "org_id" {
  description = "Organization ID the bucket admits (default = the example perimeter)."
  type        = string
  default     = "o-a1b2c3d4e5"
}

variable "partner_account_id" {
  description = "No default: the principal cannot be known before apply."
  type        = string
}

data "aws_caller_identity" "current" {}

locals {
  bucket_arn = "arn:aws:s3:::example-data-bucket"

  locals_org_policy = {
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OrgReadViaLocals"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${local.bucket_arn}/*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = var.org_id } }
    }]
  }
}

resource "aws_s3_bucket" "main" {
  bucket = "example-data-bucket"
}
