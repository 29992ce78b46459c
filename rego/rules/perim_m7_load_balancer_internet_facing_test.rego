package perimeter_checks.rules.perim_m7_load_balancer_internet_facing_test

import rego.v1

import data.main

# Raw Terraform as conftest's HCL parser delivers it (resource.<type>.<name> = [block]).
_input(attributes) := {"resource": {"aws_alb": {"example": [attributes]}}}

_ids(results) := {r.rule_id | some r in results}

_perimeter := {"org_ids": ["o-a1b2c3d4e5"], "account_ids": ["111111111111", "222222222222"]}

test_perim_m7_load_balancer_internet_facing_good if {
	count(main.deny_PERIM_M7_LOAD_BALANCER_INTERNET_FACING) == 0 with input as _input({"internal": true, "load_balancer_type": "application"}) with data.perimeter as _perimeter
	count(main.warn_PERIM_M7_LOAD_BALANCER_INTERNET_FACING) == 0 with input as _input({"internal": true, "load_balancer_type": "application"}) with data.perimeter as _perimeter
}

test_perim_m7_load_balancer_internet_facing_bad_0 if {
	results := main.deny_PERIM_M7_LOAD_BALANCER_INTERNET_FACING with input as _input({"internal": false, "load_balancer_type": "application"}) with data.perimeter as _perimeter
	"PERIM_M7_LOAD_BALANCER_INTERNET_FACING" in _ids(results)
	some r in results
	r.resource == "aws_alb.example"
	r.mitigation == "M7"
	r.severity == "LOW"
}

test_perim_m7_load_balancer_internet_facing_unresolved_0 if {
	"PERIM_M7_LOAD_BALANCER_INTERNET_FACING" in _ids(main.warn_PERIM_M7_LOAD_BALANCER_INTERNET_FACING) with input as _input({"internal": "${var.unknown}", "load_balancer_type": "application"}) with data.perimeter as _perimeter
	count(main.deny_PERIM_M7_LOAD_BALANCER_INTERNET_FACING) == 0 with input as _input({"internal": "${var.unknown}", "load_balancer_type": "application"}) with data.perimeter as _perimeter
}

test_perim_m7_load_balancer_internet_facing_unresolved_unless_0 if {
	"PERIM_M7_LOAD_BALANCER_INTERNET_FACING" in _ids(main.warn_PERIM_M7_LOAD_BALANCER_INTERNET_FACING) with input as _input({"internal": true, "load_balancer_type": "${var.unknown}"}) with data.perimeter as _perimeter
	count(main.deny_PERIM_M7_LOAD_BALANCER_INTERNET_FACING) == 0 with input as _input({"internal": true, "load_balancer_type": "${var.unknown}"}) with data.perimeter as _perimeter
}
