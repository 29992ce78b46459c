# METADATA
# title: Lambda layer permission allows principals outside the organization
# description: >-
#   A layer version permission for principal "*" or a foreign account shares the layer outside your organization unless organization_id names your organization.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/resource-boundary.html
# custom:
#   rule_id: PERIM_M3_LAMBDA_LAYER_PERMISSION
#   mitigation: M3
#   severity: MEDIUM
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M3_LAMBDA_LAYER_PERMISSION contains result if {
	some result in findings.results("PERIM_M3_LAMBDA_LAYER_PERMISSION", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M3_LAMBDA_LAYER_PERMISSION contains result if {
	some result in findings.results("PERIM_M3_LAMBDA_LAYER_PERMISSION", "warn")
}
