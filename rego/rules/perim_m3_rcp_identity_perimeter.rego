# METADATA
# title: RCP identity-perimeter statement locks out AWS services or lacks its confused-deputy companion
# description: >-
#   An RCP that denies principals outside your organization (aws:PrincipalOrgID) must exempt AWS service principals (`BoolIfExists aws:PrincipalIsAWSService = false`), and services then need the confused-deputy companion: a Deny for `aws:PrincipalIsAWSService = true` whose aws:SourceOrgID is not yours, guarded by `Null aws:SourceAccount = false` so service calls without a source still work. Organization values must be yours and operators must fire when the key is absent.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/resource-boundary.html
# custom:
#   rule_id: PERIM_M3_RCP_IDENTITY_PERIMETER
#   mitigation: M3
#   severity: HIGH
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M3_RCP_IDENTITY_PERIMETER contains result if {
	some result in findings.results("PERIM_M3_RCP_IDENTITY_PERIMETER", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M3_RCP_IDENTITY_PERIMETER contains result if {
	some result in findings.results("PERIM_M3_RCP_IDENTITY_PERIMETER", "warn")
}
