# METADATA
# title: Lambda function permission allows principals outside the organization
# description: >-
#   A Lambda permission with principal "*" or a foreign account lets callers outside your organization invoke the function unless principal_org_id (PrincipalOrgID) names your organization.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/resource-boundary.html
# custom:
#   rule_id: PERIM_M3_LAMBDA_PERMISSION
#   mitigation: M3
#   severity: HIGH
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M3_LAMBDA_PERMISSION contains result if {
	some result in findings.results("PERIM_M3_LAMBDA_PERMISSION", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M3_LAMBDA_PERMISSION contains result if {
	some result in findings.results("PERIM_M3_LAMBDA_PERMISSION", "warn")
}
