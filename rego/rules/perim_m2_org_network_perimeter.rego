# METADATA
# title: SCP/RCP network-perimeter statement locks out AWS services or admits foreign networks
# description: >-
#   A network-perimeter Deny (aws:SourceIp, aws:SourceVpc, aws:SourceVpce, aws:VpceOrgID) needs the `BoolIfExists aws:ViaAWSService = false` exception, or AWS services calling on your behalf are denied; an RCP also needs `aws:PrincipalIsAWSService = false`. Its values must be your CIDRs, VPCs, VPC endpoints or organization, its operators negated, and since November 2025 AWS pairs an aws:SourceVpc rule with an aws:RequestedRegion statement for the VPC's Region.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M2_ORG_NETWORK_PERIMETER
#   mitigation: M2
#   severity: HIGH
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M2_ORG_NETWORK_PERIMETER contains result if {
	some result in findings.results("PERIM_M2_ORG_NETWORK_PERIMETER", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M2_ORG_NETWORK_PERIMETER contains result if {
	some result in findings.results("PERIM_M2_ORG_NETWORK_PERIMETER", "warn")
}
