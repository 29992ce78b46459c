# METADATA
# title: Transfer Family server has an internet-facing endpoint
# description: >-
#   The PUBLIC endpoint type (the default) and a VPC endpoint with Elastic IPs are both reachable from the internet. MEDIUM: partner file exchange is often the point; exempt such servers deliberately. Checkov built-in: CKV_AWS_164 (PUBLIC type only).
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M7_TRANSFER_PUBLIC
#   mitigation: M7
#   severity: MEDIUM
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M7_TRANSFER_PUBLIC contains result if {
	some result in findings.results("PERIM_M7_TRANSFER_PUBLIC", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M7_TRANSFER_PUBLIC contains result if {
	some result in findings.results("PERIM_M7_TRANSFER_PUBLIC", "warn")
}
