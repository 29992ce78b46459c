# METADATA
# title: Subnet, instance, launch template or ECS service assigns public IP addresses
# description: >-
#   A public IP address plus an internet-gateway route lets a workload reach, and be reached from, the internet without any egress control. MEDIUM: without the route (PERIM_M5_ROUTE_TO_INTERNET) the address is useless. An instance that does not set associate_public_ip_address inherits its subnet's setting, which this rule checks on the subnet. Checkov built-ins: CKV_AWS_130 (subnet), CKV_AWS_88 (instance), CKV_AWS_389 (launch templates of Auto Scaling groups), CKV_AWS_333 (ECS).
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M5_PUBLIC_IP
#   mitigation: M5
#   severity: MEDIUM
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M5_PUBLIC_IP contains result if {
	some result in findings.results("PERIM_M5_PUBLIC_IP", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M5_PUBLIC_IP contains result if {
	some result in findings.results("PERIM_M5_PUBLIC_IP", "warn")
}
