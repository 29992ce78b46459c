# METADATA
# title: Lambda function does not run in your VPC
# description: >-
#   A function without a VPC configuration runs in an AWS-managed network with its own internet access, out of reach of your endpoint policies and egress controls (the whitepaper: force Lambda to use a VPC, SCP key lambda:VpcIds). A vpc_config with no subnets detaches the function. Checkov built-in: CKV_AWS_117.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M7_LAMBDA_OUTSIDE_VPC
#   mitigation: M7
#   severity: MEDIUM
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M7_LAMBDA_OUTSIDE_VPC contains result if {
	some result in findings.results("PERIM_M7_LAMBDA_OUTSIDE_VPC", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M7_LAMBDA_OUTSIDE_VPC contains result if {
	some result in findings.results("PERIM_M7_LAMBDA_OUTSIDE_VPC", "warn")
}
