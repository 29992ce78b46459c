# METADATA
# title: VPC endpoint policy allows principals outside the organization
# description: >-
#   An endpoint policy decides which identities may use your network path to AWS. An Allow statement without aws:PrincipalOrgID (or aws:PrincipalOrgPaths / aws:PrincipalAccount of yours) lets credentials from any AWS account, including an attacker's, move data through your VPC. AWS's own statement shapes pass: `Bool aws:PrincipalIsAWSService = true`, unconditioned access to AWS-owned resources (patch repositories, AWS managed policies, ...), and a configured third party pinned by aws:PrincipalAccount plus aws:ResourceAccount. No Checkov built-in inspects endpoint policy content.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M4_VPC_ENDPOINT_POLICY
#   mitigation: M4
#   severity: HIGH
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M4_VPC_ENDPOINT_POLICY contains result if {
	some result in findings.results("PERIM_M4_VPC_ENDPOINT_POLICY", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M4_VPC_ENDPOINT_POLICY contains result if {
	some result in findings.results("PERIM_M4_VPC_ENDPOINT_POLICY", "warn")
}
