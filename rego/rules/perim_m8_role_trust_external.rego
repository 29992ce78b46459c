# METADATA
# title: IAM role trust policy trusts IAM principals outside the organization
# description: >-
#   Misconfigured trust policies are the only way, short of credential theft, for an outside identity to obtain credentials of your roles. An IAM principal may be trusted when it is in your own accounts, when aws:PrincipalOrgID or aws:PrincipalOrgPaths restrict it to your organization, or when it is a known third-party account that must present sts:ExternalId.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M8_ROLE_TRUST_EXTERNAL
#   mitigation: M8
#   severity: CRITICAL
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M8_ROLE_TRUST_EXTERNAL contains result if {
	some result in findings.results("PERIM_M8_ROLE_TRUST_EXTERNAL", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M8_ROLE_TRUST_EXTERNAL contains result if {
	some result in findings.results("PERIM_M8_ROLE_TRUST_EXTERNAL", "warn")
}
