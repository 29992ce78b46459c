# METADATA
# title: CodeBuild project, App Runner service or EMR Serverless application does not use your VPC
# description: >-
#   Without a VPC configuration these services run in AWS-managed networks with direct internet egress, outside your network boundary controls (App Runner's DEFAULT egress is the public internet). No Checkov built-in covers them.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M7_COMPUTE_OUTSIDE_VPC
#   mitigation: M7
#   severity: MEDIUM
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M7_COMPUTE_OUTSIDE_VPC contains result if {
	some result in findings.results("PERIM_M7_COMPUTE_OUTSIDE_VPC", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M7_COMPUTE_OUTSIDE_VPC contains result if {
	some result in findings.results("PERIM_M7_COMPUTE_OUTSIDE_VPC", "warn")
}
