# METADATA
# title: Resource policy allows an AWS service principal without a source condition
# description: >-
#   A service principal acts for every AWS customer. Without aws:SourceAccount, aws:SourceArn, aws:SourceOrgID or aws:SourceOrgPaths the service can be made to use the resource on behalf of another account (the confused deputy).
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/resource-boundary.html
# custom:
#   rule_id: PERIM_M3_SERVICE_PRINCIPAL_SOURCE
#   mitigation: M3
#   severity: MEDIUM
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M3_SERVICE_PRINCIPAL_SOURCE contains result if {
	some result in findings.results("PERIM_M3_SERVICE_PRINCIPAL_SOURCE", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M3_SERVICE_PRINCIPAL_SOURCE contains result if {
	some result in findings.results("PERIM_M3_SERVICE_PRINCIPAL_SOURCE", "warn")
}
