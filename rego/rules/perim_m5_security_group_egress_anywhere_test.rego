package perimeter_checks.rules.perim_m5_security_group_egress_anywhere_test

import rego.v1

import data.main

# Raw Terraform as conftest's HCL parser delivers it (resource.<type>.<name> = [block]).
_input(attributes) := {"resource": {"aws_default_security_group": {"example": [attributes]}}}

_ids(results) := {r.rule_id | some r in results}

_perimeter := {"org_ids": ["o-a1b2c3d4e5"], "account_ids": ["111111111111", "222222222222"]}

test_perim_m5_security_group_egress_anywhere_good if {
	count(main.deny_PERIM_M5_SECURITY_GROUP_EGRESS_ANYWHERE) == 0 with input as _input({"egress": [{"cidr_blocks": ["10.0.0.0/8"], "ipv6_cidr_blocks": ["10.0.0.0/8"]}]}) with data.perimeter as _perimeter
	count(main.warn_PERIM_M5_SECURITY_GROUP_EGRESS_ANYWHERE) == 0 with input as _input({"egress": [{"cidr_blocks": ["10.0.0.0/8"], "ipv6_cidr_blocks": ["10.0.0.0/8"]}]}) with data.perimeter as _perimeter
}

test_perim_m5_security_group_egress_anywhere_bad_0 if {
	results := main.deny_PERIM_M5_SECURITY_GROUP_EGRESS_ANYWHERE with input as _input({"egress": [{"cidr_blocks": ["0.0.0.0/0"]}]}) with data.perimeter as _perimeter
	"PERIM_M5_SECURITY_GROUP_EGRESS_ANYWHERE" in _ids(results)
	some r in results
	r.resource == "aws_default_security_group.example"
	r.mitigation == "M5"
	r.severity == "MEDIUM"
}

test_perim_m5_security_group_egress_anywhere_unresolved_0 if {
	"PERIM_M5_SECURITY_GROUP_EGRESS_ANYWHERE" in _ids(main.warn_PERIM_M5_SECURITY_GROUP_EGRESS_ANYWHERE) with input as _input({"egress": [{"cidr_blocks": "${var.unknown}", "ipv6_cidr_blocks": ["10.0.0.0/8"]}]}) with data.perimeter as _perimeter
	count(main.deny_PERIM_M5_SECURITY_GROUP_EGRESS_ANYWHERE) == 0 with input as _input({"egress": [{"cidr_blocks": "${var.unknown}", "ipv6_cidr_blocks": ["10.0.0.0/8"]}]}) with data.perimeter as _perimeter
}

test_perim_m5_security_group_egress_anywhere_bad_1 if {
	results := main.deny_PERIM_M5_SECURITY_GROUP_EGRESS_ANYWHERE with input as _input({"egress": [{"ipv6_cidr_blocks": ["0.0.0.0/0"]}]}) with data.perimeter as _perimeter
	"PERIM_M5_SECURITY_GROUP_EGRESS_ANYWHERE" in _ids(results)
	some r in results
	r.resource == "aws_default_security_group.example"
	r.mitigation == "M5"
	r.severity == "MEDIUM"
}

test_perim_m5_security_group_egress_anywhere_unresolved_1 if {
	"PERIM_M5_SECURITY_GROUP_EGRESS_ANYWHERE" in _ids(main.warn_PERIM_M5_SECURITY_GROUP_EGRESS_ANYWHERE) with input as _input({"egress": [{"cidr_blocks": ["10.0.0.0/8"], "ipv6_cidr_blocks": "${var.unknown}"}]}) with data.perimeter as _perimeter
	count(main.deny_PERIM_M5_SECURITY_GROUP_EGRESS_ANYWHERE) == 0 with input as _input({"egress": [{"cidr_blocks": ["10.0.0.0/8"], "ipv6_cidr_blocks": "${var.unknown}"}]}) with data.perimeter as _perimeter
}
