# METADATA
# title: Database, warehouse, replication instance or broker is publicly accessible
# description: >-
#   publicly_accessible gives RDS/Aurora, Redshift (and Serverless), DMS, Amazon MQ and Neptune instances a public DNS name and address: data stores reachable from the internet, guarded only by their own authentication. DMS replication instances are public unless told otherwise; a CloudFormation RDS instance without PubliclyAccessible is public when its subnets route to an internet gateway, so it warns. Checkov built-ins: CKV_AWS_17 (RDS), CKV_AWS_87 (Redshift), CKV_AWS_89 (DMS), CKV_AWS_69 (MQ), CKV_AWS_102 (Neptune).
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M7_PUBLICLY_ACCESSIBLE
#   mitigation: M7
#   severity: HIGH
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M7_PUBLICLY_ACCESSIBLE contains result if {
	some result in findings.results("PERIM_M7_PUBLICLY_ACCESSIBLE", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M7_PUBLICLY_ACCESSIBLE contains result if {
	some result in findings.results("PERIM_M7_PUBLICLY_ACCESSIBLE", "warn")
}
