package perimeter_checks.rules.perim_m7_lambda_outside_vpc_test

import rego.v1

import data.main

# Raw Terraform as conftest's HCL parser delivers it (resource.<type>.<name> = [block]).
_input(attributes) := {"resource": {"aws_lambda_function": {"example": [attributes]}}}

_ids(results) := {r.rule_id | some r in results}

_perimeter := {"org_ids": ["o-a1b2c3d4e5"], "account_ids": ["111111111111", "222222222222"]}

test_perim_m7_lambda_outside_vpc_good if {
	count(main.deny_PERIM_M7_LAMBDA_OUTSIDE_VPC) == 0 with input as _input({"vpc_config": {"subnet_ids": ["subnet-0a1b2c3d"]}}) with data.perimeter as _perimeter
	count(main.warn_PERIM_M7_LAMBDA_OUTSIDE_VPC) == 0 with input as _input({"vpc_config": {"subnet_ids": ["subnet-0a1b2c3d"]}}) with data.perimeter as _perimeter
}

test_perim_m7_lambda_outside_vpc_bad_0 if {
	results := main.deny_PERIM_M7_LAMBDA_OUTSIDE_VPC with input as _input({}) with data.perimeter as _perimeter
	"PERIM_M7_LAMBDA_OUTSIDE_VPC" in _ids(results)
	some r in results
	r.resource == "aws_lambda_function.example"
	r.mitigation == "M7"
	r.severity == "MEDIUM"
}
