# Organization policies (issue 5): a complete perimeter (good_*) and the documented mistakes (bad_*).
# Policy content is heredoc JSON so conftest's HCL parser can read it too.

resource "aws_organizations_policy" "good_identity_rcp" {
  name    = "good_identity_rcp"
  type    = "RESOURCE_CONTROL_POLICY"
  content = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "EnforceOrgIdentities",
      "Effect": "Deny",
      "Principal": "*",
      "Action": [
        "s3:*",
        "sqs:*",
        "kms:*",
        "secretsmanager:*",
        "sts:AssumeRole"
      ],
      "Resource": "*",
      "Condition": {
        "StringNotEqualsIfExists": {
          "aws:PrincipalOrgID": "o-a1b2c3d4e5",
          "aws:PrincipalAccount": [
            "999999999999"
          ],
          "aws:ResourceTag/dp:exclude:identity": "true"
        },
        "BoolIfExists": {
          "aws:PrincipalIsAWSService": "false"
        }
      }
    },
    {
      "Sid": "EnforceConfusedDeputyProtection",
      "Effect": "Deny",
      "Principal": "*",
      "Action": [
        "s3:*",
        "sqs:*",
        "kms:*",
        "secretsmanager:*",
        "sts:*"
      ],
      "Resource": "*",
      "Condition": {
        "StringNotEqualsIfExists": {
          "aws:SourceOrgID": "o-a1b2c3d4e5",
          "aws:ResourceTag/dp:exclude:identity": "true"
        },
        "Null": {
          "aws:SourceAccount": "false"
        },
        "Bool": {
          "aws:PrincipalIsAWSService": "true"
        }
      }
    }
  ]
}
EOF
}

resource "aws_organizations_policy" "good_resource_scp" {
  name    = "good_resource_scp"
  type    = "SERVICE_CONTROL_POLICY"
  content = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "EnforceResourcePerimeter",
      "Effect": "Deny",
      "Action": "*",
      "NotResource": [
        "arn:aws:iam::aws:policy/*",
        "arn:aws:ssm:*::document/*",
        "arn:aws:ec2:*:aws:prefix-list/*"
      ],
      "Condition": {
        "StringNotEqualsIfExists": {
          "aws:ResourceOrgID": "o-a1b2c3d4e5",
          "ec2:Owner": "amazon",
          "aws:PrincipalTag/dp:exclude:resource": "true"
        }
      }
    }
  ]
}
EOF
}

resource "aws_organizations_policy" "good_network_scp" {
  name    = "good_network_scp"
  type    = "SERVICE_CONTROL_POLICY"
  content = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "EnforceNetworkPerimeter",
      "Effect": "Deny",
      "NotAction": [
        "es:ES*",
        "rds-db:connect"
      ],
      "Resource": "*",
      "Condition": {
        "BoolIfExists": {
          "aws:ViaAWSService": "false"
        },
        "NotIpAddressIfExists": {
          "aws:SourceIp": [
            "203.0.113.0/24"
          ]
        },
        "StringNotEqualsIfExists": {
          "aws:SourceVpc": [
            "vpc-0a1b2c3d4e5f60001"
          ],
          "aws:PrincipalTag/dp:exclude:network": "true"
        },
        "ArnNotLikeIfExists": {
          "aws:PrincipalArn": [
            "arn:aws:iam::*:role/aws:ec2-infrastructure"
          ]
        }
      }
    },
    {
      "Sid": "SourceVPCRegion",
      "Effect": "Deny",
      "Action": "*",
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "aws:SourceVpc": "vpc-0a1b2c3d4e5f60001"
        },
        "StringNotEqualsIfExists": {
          "aws:RequestedRegion": "eu-west-1"
        }
      }
    }
  ]
}
EOF
}

resource "aws_organizations_policy" "good_region_guard" {
  name    = "good_region_guard"
  type    = "SERVICE_CONTROL_POLICY"
  content = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyOutsideMyRegions",
      "Effect": "Deny",
      "NotAction": [
        "iam:*",
        "organizations:*",
        "sts:*",
        "route53:*",
        "cloudfront:*",
        "support:*"
      ],
      "Resource": "*",
      "Condition": {
        "StringNotEquals": {
          "aws:RequestedRegion": [
            "eu-west-1",
            "eu-central-1"
          ]
        }
      }
    }
  ]
}
EOF
}

resource "aws_organizations_policy" "good_governance_scp" {
  name    = "good_governance_scp"
  type    = "SERVICE_CONTROL_POLICY"
  content = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "PreventRAMExternalResourceShare",
      "Effect": "Deny",
      "Action": [
        "ram:CreateResourceShare",
        "ram:UpdateResourceShare"
      ],
      "Resource": "*",
      "Condition": {
        "Bool": {
          "ram:RequestedAllowsExternalPrincipals": "true"
        }
      }
    }
  ]
}
EOF
}

resource "aws_organizations_policy" "bad_allow_instead_of_deny" {
  name    = "bad_allow_instead_of_deny"
  type    = "SERVICE_CONTROL_POLICY"
  content = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowOnlyMyResources",
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "aws:ResourceOrgID": "o-a1b2c3d4e5"
        }
      }
    }
  ]
}
EOF
}

resource "aws_organizations_policy" "bad_placeholder_left" {
  name    = "bad_placeholder_left"
  type    = "SERVICE_CONTROL_POLICY"
  content = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "EnforceResourcePerimeter",
      "Effect": "Deny",
      "Action": "*",
      "NotResource": [
        "arn:aws:iam::aws:policy/*",
        "arn:aws:ssm:*::document/*",
        "arn:aws:ec2:*:aws:prefix-list/*"
      ],
      "Condition": {
        "StringNotEqualsIfExists": {
          "aws:ResourceOrgID": "<my-org-id>"
        }
      }
    }
  ]
}
EOF
}

resource "aws_organizations_policy" "bad_if_exists_positive" {
  name    = "bad_if_exists_positive"
  type    = "SERVICE_CONTROL_POLICY"
  content = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyOutsideVpc",
      "Effect": "Deny",
      "Action": "s3:*",
      "Resource": "*",
      "Condition": {
        "StringEqualsIfExists": {
          "aws:PrincipalTag/team": "data"
        },
        "StringNotEqualsIfExists": {
          "aws:SourceVpc": "vpc-0a1b2c3d4e5f60001"
        },
        "BoolIfExists": {
          "aws:ViaAWSService": "false"
        }
      }
    },
    {
      "Sid": "SourceVPCRegion",
      "Effect": "Deny",
      "Action": "*",
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "aws:SourceVpc": "vpc-0a1b2c3d4e5f60001"
        },
        "StringNotEqualsIfExists": {
          "aws:RequestedRegion": "eu-west-1"
        }
      }
    }
  ]
}
EOF
}

resource "aws_organizations_policy" "bad_resource_operator_flipped" {
  name    = "bad_resource_operator_flipped"
  type    = "SERVICE_CONTROL_POLICY"
  content = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "EnforceResourcePerimeter",
      "Effect": "Deny",
      "Action": "*",
      "NotResource": [
        "arn:aws:iam::aws:policy/*",
        "arn:aws:ssm:*::document/*",
        "arn:aws:ec2:*:aws:prefix-list/*"
      ],
      "Condition": {
        "StringEquals": {
          "aws:ResourceOrgID": "o-a1b2c3d4e5"
        }
      }
    }
  ]
}
EOF
}

resource "aws_organizations_policy" "bad_resource_exempts_every_bucket" {
  name    = "bad_resource_exempts_every_bucket"
  type    = "SERVICE_CONTROL_POLICY"
  content = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "EnforceResourcePerimeter",
      "Effect": "Deny",
      "Action": "*",
      "NotResource": [
        "arn:aws:iam::aws:policy/*",
        "arn:aws:s3:::*"
      ],
      "Condition": {
        "StringNotEqualsIfExists": {
          "aws:ResourceOrgID": "o-a1b2c3d4e5",
          "ec2:Owner": "amazon",
          "aws:PrincipalTag/dp:exclude:resource": "true"
        }
      }
    }
  ]
}
EOF
}

resource "aws_organizations_policy" "bad_network_no_via_service" {
  name    = "bad_network_no_via_service"
  type    = "SERVICE_CONTROL_POLICY"
  content = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyOutsideCorporateNetwork",
      "Effect": "Deny",
      "Action": "s3:*",
      "Resource": "*",
      "Condition": {
        "NotIpAddressIfExists": {
          "aws:SourceIp": "203.0.113.0/24"
        }
      }
    }
  ]
}
EOF
}

resource "aws_organizations_policy" "bad_network_rcp_no_service_exception" {
  name    = "bad_network_rcp_no_service_exception"
  type    = "RESOURCE_CONTROL_POLICY"
  content = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "EnforceNetworkPerimeterVpceOrgID",
      "Effect": "Deny",
      "Principal": "*",
      "Action": [
        "s3:*",
        "kms:*"
      ],
      "Resource": "*",
      "Condition": {
        "StringNotEqualsIfExists": {
          "aws:VpceOrgID": "o-a1b2c3d4e5"
        },
        "BoolIfExists": {
          "aws:ViaAWSService": "false"
        }
      }
    }
  ]
}
EOF
}

resource "aws_organizations_policy" "bad_identity_rcp_no_service_exception" {
  name    = "bad_identity_rcp_no_service_exception"
  type    = "RESOURCE_CONTROL_POLICY"
  content = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "EnforceOrgIdentities",
      "Effect": "Deny",
      "Principal": "*",
      "Action": [
        "s3:*",
        "sqs:*",
        "kms:*",
        "secretsmanager:*",
        "sts:AssumeRole"
      ],
      "Resource": "*",
      "Condition": {
        "StringNotEqualsIfExists": {
          "aws:PrincipalOrgID": "o-a1b2c3d4e5"
        }
      }
    },
    {
      "Sid": "EnforceConfusedDeputyProtection",
      "Effect": "Deny",
      "Principal": "*",
      "Action": [
        "s3:*",
        "sqs:*",
        "kms:*",
        "secretsmanager:*",
        "sts:*"
      ],
      "Resource": "*",
      "Condition": {
        "StringNotEqualsIfExists": {
          "aws:SourceOrgID": "o-a1b2c3d4e5",
          "aws:ResourceTag/dp:exclude:identity": "true"
        },
        "Null": {
          "aws:SourceAccount": "false"
        },
        "Bool": {
          "aws:PrincipalIsAWSService": "true"
        }
      }
    }
  ]
}
EOF
}

resource "aws_organizations_policy" "bad_identity_rcp_foreign_org" {
  name    = "bad_identity_rcp_foreign_org"
  type    = "RESOURCE_CONTROL_POLICY"
  content = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "EnforceOrgIdentities",
      "Effect": "Deny",
      "Principal": "*",
      "Action": [
        "s3:*",
        "sqs:*",
        "kms:*",
        "secretsmanager:*",
        "sts:AssumeRole"
      ],
      "Resource": "*",
      "Condition": {
        "StringNotEqualsIfExists": {
          "aws:PrincipalOrgID": "o-zz9y8x7w6v",
          "aws:PrincipalAccount": [
            "999999999999"
          ],
          "aws:ResourceTag/dp:exclude:identity": "true"
        },
        "BoolIfExists": {
          "aws:PrincipalIsAWSService": "false"
        }
      }
    },
    {
      "Sid": "EnforceConfusedDeputyProtection",
      "Effect": "Deny",
      "Principal": "*",
      "Action": [
        "s3:*",
        "sqs:*",
        "kms:*",
        "secretsmanager:*",
        "sts:*"
      ],
      "Resource": "*",
      "Condition": {
        "StringNotEqualsIfExists": {
          "aws:SourceOrgID": "o-a1b2c3d4e5",
          "aws:ResourceTag/dp:exclude:identity": "true"
        },
        "Null": {
          "aws:SourceAccount": "false"
        },
        "Bool": {
          "aws:PrincipalIsAWSService": "true"
        }
      }
    }
  ]
}
EOF
}

resource "aws_organizations_policy" "bad_identity_rcp_no_confused_deputy" {
  name    = "bad_identity_rcp_no_confused_deputy"
  type    = "RESOURCE_CONTROL_POLICY"
  content = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "EnforceOrgIdentities",
      "Effect": "Deny",
      "Principal": "*",
      "Action": [
        "s3:*",
        "sqs:*",
        "kms:*",
        "secretsmanager:*",
        "sts:AssumeRole"
      ],
      "Resource": "*",
      "Condition": {
        "StringNotEqualsIfExists": {
          "aws:PrincipalOrgID": "o-a1b2c3d4e5",
          "aws:PrincipalAccount": [
            "999999999999"
          ],
          "aws:ResourceTag/dp:exclude:identity": "true"
        },
        "BoolIfExists": {
          "aws:PrincipalIsAWSService": "false"
        }
      }
    }
  ]
}
EOF
}

resource "aws_organizations_policy" "bad_region_guard_denies_global" {
  name    = "bad_region_guard_denies_global"
  type    = "SERVICE_CONTROL_POLICY"
  content = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyOutsideMyRegions",
      "Effect": "Deny",
      "Resource": "*",
      "Condition": {
        "StringNotEquals": {
          "aws:RequestedRegion": [
            "eu-west-1",
            "eu-central-1"
          ]
        }
      },
      "Action": "*"
    }
  ]
}
EOF
}

resource "aws_organizations_policy" "bad_region_guard_foreign_region" {
  name    = "bad_region_guard_foreign_region"
  type    = "SERVICE_CONTROL_POLICY"
  content = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyOutsideMyRegions",
      "Effect": "Deny",
      "NotAction": [
        "iam:*",
        "organizations:*",
        "sts:*",
        "route53:*",
        "cloudfront:*",
        "support:*"
      ],
      "Resource": "*",
      "Condition": {
        "StringNotEquals": {
          "aws:RequestedRegion": [
            "eu-west-1",
            "ap-south-1"
          ]
        }
      }
    }
  ]
}
EOF
}
