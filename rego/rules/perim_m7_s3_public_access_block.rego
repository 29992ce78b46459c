# METADATA
# title: S3 Block Public Access is not fully enabled (bucket or account)
# description: >-
#   Block Public Access is the switch that keeps public ACLs and policies from taking effect. An aws_s3_bucket_public_access_block or account block that leaves a flag false (the default of every omitted flag) turns that guardrail off. New buckets have all four flags on, so a bucket without a block is not flagged; a CloudFormation PublicAccessBlockConfiguration that omits a flag sets it false. MEDIUM: the policy that actually opens a bucket is PERIM_M3_S3_POLICY (HIGH). Checkov built-ins: CKV_AWS_53, CKV_AWS_54, CKV_AWS_55, CKV_AWS_56, CKV2_AWS_6.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M7_S3_PUBLIC_ACCESS_BLOCK
#   mitigation: M7
#   severity: MEDIUM
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M7_S3_PUBLIC_ACCESS_BLOCK contains result if {
	some result in findings.results("PERIM_M7_S3_PUBLIC_ACCESS_BLOCK", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M7_S3_PUBLIC_ACCESS_BLOCK contains result if {
	some result in findings.results("PERIM_M7_S3_PUBLIC_ACCESS_BLOCK", "warn")
}
