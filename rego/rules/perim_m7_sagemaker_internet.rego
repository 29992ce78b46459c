# METADATA
# title: SageMaker notebook or domain has direct internet access
# description: >-
#   Notebook instances default to direct internet access and Studio domains to PublicInternetOnly: data can leave through SageMaker's own network, outside your egress controls (SCP keys sagemaker:DirectInternetAccess, sagemaker:AppNetworkAccessType). Checkov built-ins: CKV_AWS_122, CKV_AWS_306.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M7_SAGEMAKER_INTERNET
#   mitigation: M7
#   severity: MEDIUM
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M7_SAGEMAKER_INTERNET contains result if {
	some result in findings.results("PERIM_M7_SAGEMAKER_INTERNET", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M7_SAGEMAKER_INTERNET contains result if {
	some result in findings.results("PERIM_M7_SAGEMAKER_INTERNET", "warn")
}
