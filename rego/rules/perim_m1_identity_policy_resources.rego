# METADATA
# title: Identity policy grants data access on any resource without a resource-organization condition
# description: >-
#   Least privilege (the whitepaper's identity boundary): an Allow of data actions (S3, SQS, SNS, KMS, Secrets Manager, DynamoDB, ...; List*, Describe* and Create* actions excepted) on a standalone `Resource "*"` lets your principals read and write resources of any account unless aws:ResourceOrgID, aws:ResourceAccount or s3:ResourceAccount confines them to yours; an Allow with NotResource grants every other resource. The resource-perimeter SCP is the organization-wide backstop.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M1_IDENTITY_POLICY_RESOURCES
#   mitigation: M1
#   severity: LOW
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M1_IDENTITY_POLICY_RESOURCES contains result if {
	some result in findings.results("PERIM_M1_IDENTITY_POLICY_RESOURCES", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M1_IDENTITY_POLICY_RESOURCES contains result if {
	some result in findings.results("PERIM_M1_IDENTITY_POLICY_RESOURCES", "warn")
}
