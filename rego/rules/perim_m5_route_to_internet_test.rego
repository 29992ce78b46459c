package perimeter_checks.rules.perim_m5_route_to_internet_test

import rego.v1

import data.main

# Raw Terraform as conftest's HCL parser delivers it (resource.<type>.<name> = [block]).
_input(attributes) := {"resource": {"aws_default_route_table": {"example": [attributes]}}}

_ids(results) := {r.rule_id | some r in results}

_perimeter := {"org_ids": ["o-a1b2c3d4e5"], "account_ids": ["111111111111", "222222222222"]}

test_perim_m5_route_to_internet_bad_nat if {
	results := main.deny_PERIM_M5_ROUTE_TO_INTERNET with input as _input({"route": [{"cidr_block": "0.0.0.0/0", "nat_gateway_id": "nat-0a1b2c3d"}]}) with data.perimeter as _perimeter
	"PERIM_M5_ROUTE_TO_INTERNET" in _ids(results)
	some r in results
	r.resource == "aws_default_route_table.example"
	r.mitigation == "M5"
	r.severity == "HIGH"
}

test_perim_m5_route_to_internet_bad_igw if {
	results := main.deny_PERIM_M5_ROUTE_TO_INTERNET with input as _input({"route": [{"cidr_block": "0.0.0.0/0", "gateway_id": "igw-0a1b2c3d"}]}) with data.perimeter as _perimeter
	"PERIM_M5_ROUTE_TO_INTERNET" in _ids(results)
	some r in results
	r.resource == "aws_default_route_table.example"
	r.mitigation == "M5"
	r.severity == "HIGH"
}

test_perim_m5_route_to_internet_good_narrow if {
	count(main.deny_PERIM_M5_ROUTE_TO_INTERNET) == 0 with input as _input({"route": [{"cidr_block": "10.0.0.0/8", "gateway_id": "igw-0a1b2c3d"}]}) with data.perimeter as _perimeter
	count(main.warn_PERIM_M5_ROUTE_TO_INTERNET) == 0 with input as _input({"route": [{"cidr_block": "10.0.0.0/8", "gateway_id": "igw-0a1b2c3d"}]}) with data.perimeter as _perimeter
}

test_perim_m5_route_to_internet_good_vgw if {
	count(main.deny_PERIM_M5_ROUTE_TO_INTERNET) == 0 with input as _input({"route": [{"cidr_block": "0.0.0.0/0", "gateway_id": "vgw-0a1b2c3d"}]}) with data.perimeter as _perimeter
	count(main.warn_PERIM_M5_ROUTE_TO_INTERNET) == 0 with input as _input({"route": [{"cidr_block": "0.0.0.0/0", "gateway_id": "vgw-0a1b2c3d"}]}) with data.perimeter as _perimeter
}

test_perim_m5_route_to_internet_unresolved_gateway if {
	"PERIM_M5_ROUTE_TO_INTERNET" in _ids(main.warn_PERIM_M5_ROUTE_TO_INTERNET) with input as _input({"route": [{"cidr_block": "0.0.0.0/0", "gateway_id": "${var.unknown}"}]}) with data.perimeter as _perimeter
	count(main.deny_PERIM_M5_ROUTE_TO_INTERNET) == 0 with input as _input({"route": [{"cidr_block": "0.0.0.0/0", "gateway_id": "${var.unknown}"}]}) with data.perimeter as _perimeter
}

test_perim_m5_route_to_internet_unresolved_destination if {
	"PERIM_M5_ROUTE_TO_INTERNET" in _ids(main.warn_PERIM_M5_ROUTE_TO_INTERNET) with input as _input({"route": [{"cidr_block": "${var.unknown}", "nat_gateway_id": "nat-0a1b2c3d"}]}) with data.perimeter as _perimeter
	count(main.deny_PERIM_M5_ROUTE_TO_INTERNET) == 0 with input as _input({"route": [{"cidr_block": "${var.unknown}", "nat_gateway_id": "nat-0a1b2c3d"}]}) with data.perimeter as _perimeter
}
