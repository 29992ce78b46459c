# METADATA
# title: IAM role trust policy trusts a federated identity provider without audience and subject conditions
# description: >-
#   An OIDC provider such as GitHub Actions issues tokens to anyone who uses it; without conditions on the token's audience (`aud`) and subject (`sub`) every repository or workload of every customer can assume the role.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M8_ROLE_TRUST_FEDERATED
#   mitigation: M8
#   severity: HIGH
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M8_ROLE_TRUST_FEDERATED contains result if {
	some result in findings.results("PERIM_M8_ROLE_TRUST_FEDERATED", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M8_ROLE_TRUST_FEDERATED contains result if {
	some result in findings.results("PERIM_M8_ROLE_TRUST_FEDERATED", "warn")
}
