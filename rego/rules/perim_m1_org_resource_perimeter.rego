# METADATA
# title: SCP resource-perimeter statement does not confine principals to your organization's resources
# description: >-
#   A resource-perimeter Deny (aws:ResourceOrgID, aws:ResourceAccount) must use a negated operator that also fires when the key is absent (StringNotEqualsIfExists, not StringEquals or ForAnyValue), name your organization and your or trusted accounts, and exempt only AWS-owned resources (NotResource entries owned by `aws`, service buckets, ec2:Owner = amazon, aws:CalledVia of AWS services). A broader exception lets principals reach resources of any account.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M1_ORG_RESOURCE_PERIMETER
#   mitigation: M1
#   severity: HIGH
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M1_ORG_RESOURCE_PERIMETER contains result if {
	some result in findings.results("PERIM_M1_ORG_RESOURCE_PERIMETER", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M1_ORG_RESOURCE_PERIMETER contains result if {
	some result in findings.results("PERIM_M1_ORG_RESOURCE_PERIMETER", "warn")
}
