# METADATA
# title: VPC endpoint has no endpoint policy (the default allows full access)
# description: >-
#   An endpoint created without a policy gets the default one, which allows every action by every principal: the same exposure as an Allow without an organization condition. A separate aws_vpc_endpoint_policy that references the endpoint counts as its policy (and is judged by PERIM_M4_VPC_ENDPOINT_POLICY). Endpoint types that take no policy (GatewayLoadBalancer, Resource, ServiceNetwork) and endpoint services of other accounts (com.amazonaws.vpce.*) are not flagged; for an AWS service whose endpoint does not support policies (`aws ec2 describe-vpc-endpoint-services`, VpcEndpointPolicySupported = false) add an exemption.
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html
# custom:
#   rule_id: PERIM_M4_VPC_ENDPOINT_MISSING_POLICY
#   mitigation: M4
#   severity: HIGH
package main

import rego.v1

import data.perimeter_checks.lib.findings

# Failures: the policy provably lets principals outside the perimeter in.
deny_PERIM_M4_VPC_ENDPOINT_MISSING_POLICY contains result if {
	some result in findings.results("PERIM_M4_VPC_ENDPOINT_MISSING_POLICY", "fail")
}

# Warnings: the policy cannot be verified statically (never a silent pass).
warn_PERIM_M4_VPC_ENDPOINT_MISSING_POLICY contains result if {
	some result in findings.results("PERIM_M4_VPC_ENDPOINT_MISSING_POLICY", "warn")
}
