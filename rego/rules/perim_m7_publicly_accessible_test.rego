package perimeter_checks.rules.perim_m7_publicly_accessible_test

import rego.v1

import data.main

# Raw Terraform as conftest's HCL parser delivers it (resource.<type>.<name> = [block]).
_input(attributes) := {"resource": {"aws_db_instance": {"example": [attributes]}}}

_ids(results) := {r.rule_id | some r in results}

_perimeter := {"org_ids": ["o-a1b2c3d4e5"], "account_ids": ["111111111111", "222222222222"]}

test_perim_m7_publicly_accessible_good if {
	count(main.deny_PERIM_M7_PUBLICLY_ACCESSIBLE) == 0 with input as _input({"publicly_accessible": false}) with data.perimeter as _perimeter
	count(main.warn_PERIM_M7_PUBLICLY_ACCESSIBLE) == 0 with input as _input({"publicly_accessible": false}) with data.perimeter as _perimeter
}

test_perim_m7_publicly_accessible_bad_0 if {
	results := main.deny_PERIM_M7_PUBLICLY_ACCESSIBLE with input as _input({"publicly_accessible": true}) with data.perimeter as _perimeter
	"PERIM_M7_PUBLICLY_ACCESSIBLE" in _ids(results)
	some r in results
	r.resource == "aws_db_instance.example"
	r.mitigation == "M7"
	r.severity == "HIGH"
}

test_perim_m7_publicly_accessible_unresolved_0 if {
	"PERIM_M7_PUBLICLY_ACCESSIBLE" in _ids(main.warn_PERIM_M7_PUBLICLY_ACCESSIBLE) with input as _input({"publicly_accessible": "${var.unknown}"}) with data.perimeter as _perimeter
	count(main.deny_PERIM_M7_PUBLICLY_ACCESSIBLE) == 0 with input as _input({"publicly_accessible": "${var.unknown}"}) with data.perimeter as _perimeter
}
