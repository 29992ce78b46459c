# METADATA
# title: Organization policies define no identity-perimeter RCP
# description: >-
#   Repository level, reported once per Terraform module directory, plan or CloudFormation template that defines SCPs or RCPs, on its first organization policy by address: AWS's perimeter is a set of controls (identity RCP, resource SCP, network SCP/RCP, region guard, governance SCP) and a missing one leaves its mitigation to resource policies alone.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/resource-boundary.html
# custom:
#   rule_id: PERIM_M3_ORG_IDENTITY_RCP_MISSING
#   mitigation: M3
#   severity: LOW
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M3_ORG_IDENTITY_RCP_MISSING contains result if {
	some result in findings.results("PERIM_M3_ORG_IDENTITY_RCP_MISSING", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M3_ORG_IDENTITY_RCP_MISSING contains result if {
	some result in findings.results("PERIM_M3_ORG_IDENTITY_RCP_MISSING", "warn")
}
