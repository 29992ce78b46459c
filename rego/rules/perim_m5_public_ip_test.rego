package perimeter_checks.rules.perim_m5_public_ip_test

import rego.v1

import data.main

# Raw Terraform as conftest's HCL parser delivers it (resource.<type>.<name> = [block]).
_input(attributes) := {"resource": {"aws_ecs_service": {"example": [attributes]}}}

_ids(results) := {r.rule_id | some r in results}

_perimeter := {"org_ids": ["o-a1b2c3d4e5"], "account_ids": ["111111111111", "222222222222"]}

test_perim_m5_public_ip_good if {
	count(main.deny_PERIM_M5_PUBLIC_IP) == 0 with input as _input({"network_configuration": {"assign_public_ip": false}}) with data.perimeter as _perimeter
	count(main.warn_PERIM_M5_PUBLIC_IP) == 0 with input as _input({"network_configuration": {"assign_public_ip": false}}) with data.perimeter as _perimeter
}

test_perim_m5_public_ip_bad_0 if {
	results := main.deny_PERIM_M5_PUBLIC_IP with input as _input({"network_configuration": {"assign_public_ip": true}}) with data.perimeter as _perimeter
	"PERIM_M5_PUBLIC_IP" in _ids(results)
	some r in results
	r.resource == "aws_ecs_service.example"
	r.mitigation == "M5"
	r.severity == "MEDIUM"
}

test_perim_m5_public_ip_unresolved_0 if {
	"PERIM_M5_PUBLIC_IP" in _ids(main.warn_PERIM_M5_PUBLIC_IP) with input as _input({"network_configuration": {"assign_public_ip": "${var.unknown}"}}) with data.perimeter as _perimeter
	count(main.deny_PERIM_M5_PUBLIC_IP) == 0 with input as _input({"network_configuration": {"assign_public_ip": "${var.unknown}"}}) with data.perimeter as _perimeter
}
