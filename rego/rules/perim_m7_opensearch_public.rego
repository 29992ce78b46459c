# METADATA
# title: OpenSearch or Elasticsearch domain has a public endpoint (no VPC options)
# description: >-
#   A domain without vpc_options gets a public endpoint that only its access policy protects (judged by PERIM_M3_OPENSEARCH_POLICY); network boundary controls do not apply. Checkov built-in: CKV_AWS_137.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M7_OPENSEARCH_PUBLIC
#   mitigation: M7
#   severity: MEDIUM
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M7_OPENSEARCH_PUBLIC contains result if {
	some result in findings.results("PERIM_M7_OPENSEARCH_PUBLIC", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M7_OPENSEARCH_PUBLIC contains result if {
	some result in findings.results("PERIM_M7_OPENSEARCH_PUBLIC", "warn")
}
