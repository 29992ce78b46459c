# METADATA
# title: Security group allows egress to the whole internet (0.0.0.0/0 or ::/0)
# description: >-
#   The whitepaper asks to block all outbound internet access except required AWS endpoints and allowed external services; those are reached through prefix lists, VPC endpoints or narrow CIDRs, so only a /0 destination is flagged (narrower CIDRs, such as the config's `cidrs`, are taken as allowed services). MEDIUM: a security group is the per-workload layer; the path to the internet is the route (PERIM_M5_ROUTE_TO_INTERNET, HIGH). CloudFormation keeps EC2's default allow-all egress rule when a security group has no SecurityGroupEgress, so that is a finding; Terraform deletes the default rule on create, so an aws_security_group without egress blocks has no egress. Checkov's CKV_AWS_382 flags only all-port egress to 0.0.0.0/0.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M5_SECURITY_GROUP_EGRESS_ANYWHERE
#   mitigation: M5
#   severity: MEDIUM
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M5_SECURITY_GROUP_EGRESS_ANYWHERE contains result if {
	some result in findings.results("PERIM_M5_SECURITY_GROUP_EGRESS_ANYWHERE", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M5_SECURITY_GROUP_EGRESS_ANYWHERE contains result if {
	some result in findings.results("PERIM_M5_SECURITY_GROUP_EGRESS_ANYWHERE", "warn")
}
