# METADATA
# title: Route sends the default route (0.0.0.0/0 or ::/0) to an internet or NAT gateway
# description: >-
#   A default route to an internet gateway, NAT gateway or egress-only internet gateway is what gives a subnet outbound internet access, the path the whitepaper asks to block except for required endpoints and allowed services. HIGH because it opens the network boundary for every workload in the subnet. Routes to transit gateways, firewall or proxy endpoints and virtual private gateways (centralized, inspected egress) pass; a gateway that cannot be identified statically warns. A route to a private NAT gateway (connectivity_type = private) is also reported: exempt it. No Checkov built-in covers routes.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M5_ROUTE_TO_INTERNET
#   mitigation: M5
#   severity: HIGH
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M5_ROUTE_TO_INTERNET contains result if {
	some result in findings.results("PERIM_M5_ROUTE_TO_INTERNET", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M5_ROUTE_TO_INTERNET contains result if {
	some result in findings.results("PERIM_M5_ROUTE_TO_INTERNET", "warn")
}
