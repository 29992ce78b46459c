package perimeter_checks.rules.perim_m4_vpc_endpoint_resources_test

import rego.v1

import data.main

# Raw Terraform as conftest's HCL parser delivers it (resource.<type>.<name> = [block]).
_input(attributes) := {"resource": {"aws_vpc_endpoint": {"example": [attributes]}}}

_ids(results) := {r.rule_id | some r in results}

_perimeter := {"org_ids": ["o-a1b2c3d4e5"], "account_ids": ["111111111111", "222222222222"]}

test_perim_m4_vpc_endpoint_resources_bad_policy_is_denied if {
	results := main.deny_PERIM_M4_VPC_ENDPOINT_RESOURCES with input as _input({"policy": "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}}]}"}) with data.perimeter as _perimeter
	"PERIM_M4_VPC_ENDPOINT_RESOURCES" in _ids(results)
	some r in results
	r.resource == "aws_vpc_endpoint.example"
	r.mitigation == "M4"
	r.severity == "MEDIUM"
}

test_perim_m4_vpc_endpoint_resources_org_resources_pass if {
	count(main.deny_PERIM_M4_VPC_ENDPOINT_RESOURCES) == 0 with input as _input({"policy": "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\", \"aws:ResourceOrgID\": \"o-a1b2c3d4e5\"}}}]}"}) with data.perimeter as _perimeter
	count(main.warn_PERIM_M4_VPC_ENDPOINT_RESOURCES) == 0 with input as _input({"policy": "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\", \"aws:ResourceOrgID\": \"o-a1b2c3d4e5\"}}}]}"}) with data.perimeter as _perimeter
}

test_perim_m4_vpc_endpoint_resources_expression_warns if {
	"PERIM_M4_VPC_ENDPOINT_RESOURCES" in _ids(main.warn_PERIM_M4_VPC_ENDPOINT_RESOURCES) with input as _input({"policy": "${jsonencode(local.policy)}"}) with data.perimeter as _perimeter
	count(main.deny_PERIM_M4_VPC_ENDPOINT_RESOURCES) == 0 with input as _input({"policy": "${jsonencode(local.policy)}"}) with data.perimeter as _perimeter
}
