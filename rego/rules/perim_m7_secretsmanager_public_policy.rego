# METADATA
# title: Secrets Manager resource policy does not block public policies
# description: >-
#   block_public_policy makes Secrets Manager reject a resource policy that grants broad access. The API (and so the Terraform provider) leaves it off unless set; CloudFormation's BlockPublicPolicy defaults to true, so only an explicit false fails there. No Checkov built-in.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M7_SECRETSMANAGER_PUBLIC_POLICY
#   mitigation: M7
#   severity: MEDIUM
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M7_SECRETSMANAGER_PUBLIC_POLICY contains result if {
	some result in findings.results("PERIM_M7_SECRETSMANAGER_PUBLIC_POLICY", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M7_SECRETSMANAGER_PUBLIC_POLICY contains result if {
	some result in findings.results("PERIM_M7_SECRETSMANAGER_PUBLIC_POLICY", "warn")
}
