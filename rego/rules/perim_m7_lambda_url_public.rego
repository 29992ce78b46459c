# METADATA
# title: Lambda function URL accepts unauthenticated requests (auth type NONE)
# description: >-
#   A function URL with authorization type NONE (or a permission granted for function_url_auth_type NONE) is callable by anyone on the internet without AWS credentials, bypassing both identity and network perimeters (SCP key lambda:FunctionUrlAuthType). HIGH: no authentication at all. Checkov built-in: CKV_AWS_258 (function URLs only).
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M7_LAMBDA_URL_PUBLIC
#   mitigation: M7
#   severity: HIGH
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M7_LAMBDA_URL_PUBLIC contains result if {
	some result in findings.results("PERIM_M7_LAMBDA_URL_PUBLIC", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M7_LAMBDA_URL_PUBLIC contains result if {
	some result in findings.results("PERIM_M7_LAMBDA_URL_PUBLIC", "warn")
}
