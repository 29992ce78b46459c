package perimeter_checks.rules.perim_m7_lambda_url_public_test

import rego.v1

import data.main

# Raw Terraform as conftest's HCL parser delivers it (resource.<type>.<name> = [block]).
_input(attributes) := {"resource": {"aws_lambda_function_url": {"example": [attributes]}}}

_ids(results) := {r.rule_id | some r in results}

_perimeter := {"org_ids": ["o-a1b2c3d4e5"], "account_ids": ["111111111111", "222222222222"]}

test_perim_m7_lambda_url_public_good if {
	count(main.deny_PERIM_M7_LAMBDA_URL_PUBLIC) == 0 with input as _input({"authorization_type": "something-else"}) with data.perimeter as _perimeter
	count(main.warn_PERIM_M7_LAMBDA_URL_PUBLIC) == 0 with input as _input({"authorization_type": "something-else"}) with data.perimeter as _perimeter
}

test_perim_m7_lambda_url_public_bad_0 if {
	results := main.deny_PERIM_M7_LAMBDA_URL_PUBLIC with input as _input({"authorization_type": "none"}) with data.perimeter as _perimeter
	"PERIM_M7_LAMBDA_URL_PUBLIC" in _ids(results)
	some r in results
	r.resource == "aws_lambda_function_url.example"
	r.mitigation == "M7"
	r.severity == "HIGH"
}

test_perim_m7_lambda_url_public_unresolved_0 if {
	"PERIM_M7_LAMBDA_URL_PUBLIC" in _ids(main.warn_PERIM_M7_LAMBDA_URL_PUBLIC) with input as _input({"authorization_type": "${var.unknown}"}) with data.perimeter as _perimeter
	count(main.deny_PERIM_M7_LAMBDA_URL_PUBLIC) == 0 with input as _input({"authorization_type": "${var.unknown}"}) with data.perimeter as _perimeter
}
