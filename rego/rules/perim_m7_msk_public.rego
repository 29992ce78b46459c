# METADATA
# title: MSK cluster brokers have public access
# description: >-
#   Public access type SERVICE_PROVIDED_EIPS gives the brokers internet addresses, outside your network boundary. Checkov built-in: CKV_AWS_291.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M7_MSK_PUBLIC
#   mitigation: M7
#   severity: MEDIUM
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M7_MSK_PUBLIC contains result if {
	some result in findings.results("PERIM_M7_MSK_PUBLIC", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M7_MSK_PUBLIC contains result if {
	some result in findings.results("PERIM_M7_MSK_PUBLIC", "warn")
}
