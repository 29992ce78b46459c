# A module whose only organization policy is no perimeter control: every completeness rule
# reports once, on this policy (the first by address).

resource "aws_organizations_policy" "partial_deny_leaving" {
  name    = "partial_deny_leaving"
  type    = "SERVICE_CONTROL_POLICY"
  content = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyLeavingTheOrganization",
      "Effect": "Deny",
      "Action": "organizations:LeaveOrganization",
      "Resource": "*"
    }
  ]
}
EOF
}
