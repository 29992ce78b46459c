# METADATA
# title: Organization policies define no network-perimeter SCP or RCP
# description: >-
#   Repository level, reported once per Terraform module directory, plan or CloudFormation template that defines SCPs or RCPs, on its first organization policy by address: AWS's perimeter is a set of controls (identity RCP, resource SCP, network SCP/RCP, region guard, governance SCP) and a missing one leaves its mitigation to resource policies alone.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M2_ORG_NETWORK_POLICY_MISSING
#   mitigation: M2
#   severity: LOW
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M2_ORG_NETWORK_POLICY_MISSING contains result if {
	some result in findings.results("PERIM_M2_ORG_NETWORK_POLICY_MISSING", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M2_ORG_NETWORK_POLICY_MISSING contains result if {
	some result in findings.results("PERIM_M2_ORG_NETWORK_POLICY_MISSING", "warn")
}
