# METADATA
# title: Organization policy (SCP/RCP) statement cannot work as written
# description: >-
#   SCPs and RCPs only restrict with Deny: an Allow with a perimeter condition (aws:PrincipalOrgID, aws:ResourceOrgID, aws:SourceVpc, aws:RequestedRegion, ...) restricts nothing while FullAWSAccess is attached, and an RCP supports no Allow besides full access. IfExists on a positive operator also matches requests without the key, an empty value list matches nothing, and a placeholder such as `<my-org-id>` left from AWS's examples names no organization.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M1_ORG_POLICY_LINT
#   mitigation: M1
#   severity: HIGH
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M1_ORG_POLICY_LINT contains result if {
	some result in findings.results("PERIM_M1_ORG_POLICY_LINT", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M1_ORG_POLICY_LINT contains result if {
	some result in findings.results("PERIM_M1_ORG_POLICY_LINT", "warn")
}
