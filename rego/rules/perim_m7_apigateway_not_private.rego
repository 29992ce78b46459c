# METADATA
# title: API Gateway REST API is not a PRIVATE endpoint
# description: >-
#   EDGE and REGIONAL APIs are reachable from the internet; only PRIVATE APIs are limited to your VPC endpoints. LOW: many APIs are public by design; exempt those and protect them with AWS's API Gateway resource-policy template (PERIM_M3_APIGATEWAY_POLICY). HTTP and WebSocket APIs cannot be private and are not judged. No Checkov built-in (KICS 6b2739db).
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M7_APIGATEWAY_NOT_PRIVATE
#   mitigation: M7
#   severity: LOW
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M7_APIGATEWAY_NOT_PRIVATE contains result if {
	some result in findings.results("PERIM_M7_APIGATEWAY_NOT_PRIVATE", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M7_APIGATEWAY_NOT_PRIVATE contains result if {
	some result in findings.results("PERIM_M7_APIGATEWAY_NOT_PRIVATE", "warn")
}
