# METADATA
# title: Region guard denies global services or allows regions you do not operate in
# description: >-
#   A Deny outside your aws:RequestedRegion values keeps requests under your network controls, but global services (IAM, STS, Organizations, Route 53, CloudFront, Support) are served from us-east-1: the guard must list them in NotAction rather than deny `*`. With `regions` configured every allowed Region must be one of yours, and the operator must be negated.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M6_ORG_REGION_GUARD
#   mitigation: M6
#   severity: MEDIUM
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M6_ORG_REGION_GUARD contains result if {
	some result in findings.results("PERIM_M6_ORG_REGION_GUARD", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M6_ORG_REGION_GUARD contains result if {
	some result in findings.results("PERIM_M6_ORG_REGION_GUARD", "warn")
}
