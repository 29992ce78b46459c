# METADATA
# title: VPC endpoint policy allows access to resources outside the organization
# description: >-
#   Without aws:ResourceOrgID or aws:ResourceAccount (or Resource ARNs in your accounts) your own principals can copy data through the endpoint to buckets, queues or tables of another organization. MEDIUM rather than HIGH because an SCP with aws:ResourceOrgID (mitigation M1) can close the same path; AWS-owned resources and `aws:PrincipalTag/dp:exclude:resource` exceptions pass, as in AWS's templates.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M4_VPC_ENDPOINT_RESOURCES
#   mitigation: M4
#   severity: MEDIUM
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M4_VPC_ENDPOINT_RESOURCES contains result if {
	some result in findings.results("PERIM_M4_VPC_ENDPOINT_RESOURCES", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M4_VPC_ENDPOINT_RESOURCES contains result if {
	some result in findings.results("PERIM_M4_VPC_ENDPOINT_RESOURCES", "warn")
}
