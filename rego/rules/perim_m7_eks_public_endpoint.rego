# METADATA
# title: EKS cluster API endpoint is public to the whole internet
# description: >-
#   The Kubernetes API endpoint is public by default and open to 0.0.0.0/0 unless public_access_cidrs narrows it. MEDIUM: requests still need cluster authentication. A public endpoint limited to your CIDRs passes. Checkov built-ins: CKV_AWS_39, CKV_AWS_38.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M7_EKS_PUBLIC_ENDPOINT
#   mitigation: M7
#   severity: MEDIUM
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M7_EKS_PUBLIC_ENDPOINT contains result if {
	some result in findings.results("PERIM_M7_EKS_PUBLIC_ENDPOINT", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M7_EKS_PUBLIC_ENDPOINT contains result if {
	some result in findings.results("PERIM_M7_EKS_PUBLIC_ENDPOINT", "warn")
}
