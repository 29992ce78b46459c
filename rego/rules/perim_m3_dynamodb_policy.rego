# METADATA
# title: DynamoDB resource policy allows principals outside the organization
# description: >-
#   An Allow statement that reaches everyone, a foreign account or everyone but a NotPrincipal list lets identities outside your organization use the resource unless an aws:PrincipalOrgID (or PrincipalOrgPaths / PrincipalAccount of yours) condition or a Deny guard on aws:PrincipalOrgID narrows it. IfExists variants, negated operators and ForAllValues qualifiers do not narrow an Allow, and a wildcard organization ID narrows nothing.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/resource-boundary.html
# custom:
#   rule_id: PERIM_M3_DYNAMODB_POLICY
#   mitigation: M3
#   severity: HIGH
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M3_DYNAMODB_POLICY contains result if {
	some result in findings.results("PERIM_M3_DYNAMODB_POLICY", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M3_DYNAMODB_POLICY contains result if {
	some result in findings.results("PERIM_M3_DYNAMODB_POLICY", "warn")
}
