# METADATA
# title: Load balancer is internet-facing
# description: >-
#   Load balancers are internet-facing unless internal = true (Scheme: internal). LOW: public entry points are often intended; the finding asks for a deliberate exemption. Gateway Load Balancers have no scheme and are not judged. No Checkov built-in (tfsec AVD-AWS-0053).
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M7_LOAD_BALANCER_INTERNET_FACING
#   mitigation: M7
#   severity: LOW
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M7_LOAD_BALANCER_INTERNET_FACING contains result if {
	some result in findings.results("PERIM_M7_LOAD_BALANCER_INTERNET_FACING", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M7_LOAD_BALANCER_INTERNET_FACING contains result if {
	some result in findings.results("PERIM_M7_LOAD_BALANCER_INTERNET_FACING", "warn")
}
