package perimeter_checks.rules.perim_m7_apigateway_not_private_test

import rego.v1

import data.main

# Raw Terraform as conftest's HCL parser delivers it (resource.<type>.<name> = [block]).
_input(attributes) := {"resource": {"aws_api_gateway_rest_api": {"example": [attributes]}}}

_ids(results) := {r.rule_id | some r in results}

_perimeter := {"org_ids": ["o-a1b2c3d4e5"], "account_ids": ["111111111111", "222222222222"]}

test_perim_m7_apigateway_not_private_good if {
	count(main.deny_PERIM_M7_APIGATEWAY_NOT_PRIVATE) == 0 with input as _input({"endpoint_configuration": {"types": "private"}}) with data.perimeter as _perimeter
	count(main.warn_PERIM_M7_APIGATEWAY_NOT_PRIVATE) == 0 with input as _input({"endpoint_configuration": {"types": "private"}}) with data.perimeter as _perimeter
}

test_perim_m7_apigateway_not_private_bad_0 if {
	results := main.deny_PERIM_M7_APIGATEWAY_NOT_PRIVATE with input as _input({"endpoint_configuration": {"types": "something-else"}}) with data.perimeter as _perimeter
	"PERIM_M7_APIGATEWAY_NOT_PRIVATE" in _ids(results)
	some r in results
	r.resource == "aws_api_gateway_rest_api.example"
	r.mitigation == "M7"
	r.severity == "LOW"
}

test_perim_m7_apigateway_not_private_unresolved_0 if {
	"PERIM_M7_APIGATEWAY_NOT_PRIVATE" in _ids(main.warn_PERIM_M7_APIGATEWAY_NOT_PRIVATE) with input as _input({"endpoint_configuration": {"types": "${var.unknown}"}}) with data.perimeter as _perimeter
	count(main.deny_PERIM_M7_APIGATEWAY_NOT_PRIVATE) == 0 with input as _input({"endpoint_configuration": {"types": "${var.unknown}"}}) with data.perimeter as _perimeter
}
