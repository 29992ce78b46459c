package perimeter_checks.rules.perim_m8_role_trust_external_test

import rego.v1

import data.main

# Raw Terraform as conftest's HCL parser delivers it (resource.<type>.<name> = [block]).
_input(attributes) := {"resource": {"aws_iam_role": {"example": [attributes]}}}

_ids(results) := {r.rule_id | some r in results}

# The perimeter of examples/perimeter.yaml, as conftest --data would load it.
_perimeter := {"org_ids": ["o-a1b2c3d4e5"], "account_ids": ["111111111111", "222222222222"]}

test_perim_m8_role_trust_external_bad_policy_is_denied if {
	results := main.deny_PERIM_M8_ROLE_TRUST_EXTERNAL with input as _input({"assume_role_policy": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"*\"}]}"}) with data.perimeter as _perimeter
	"PERIM_M8_ROLE_TRUST_EXTERNAL" in _ids(results)
	some r in results
	r.resource == "aws_iam_role.example"
	r.mitigation == "M8"
	r.severity == "CRITICAL"
	contains(r.msg, "aws_iam_role.example")
}

test_perim_m8_role_trust_external_restricted_policy_passes if {
	count(main.deny_PERIM_M8_ROLE_TRUST_EXTERNAL) == 0 with input as _input({"assume_role_policy": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}}]}"}) with data.perimeter as _perimeter
	count(main.warn_PERIM_M8_ROLE_TRUST_EXTERNAL) == 0 with input as _input({"assume_role_policy": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}}]}"}) with data.perimeter as _perimeter
}

test_perim_m8_role_trust_external_expression_warns if {
	results := main.warn_PERIM_M8_ROLE_TRUST_EXTERNAL with input as _input({"assume_role_policy": "${jsonencode(local.policy)}"}) with data.perimeter as _perimeter
	"PERIM_M8_ROLE_TRUST_EXTERNAL" in _ids(results)
	count(main.deny_PERIM_M8_ROLE_TRUST_EXTERNAL) == 0 with input as _input({"assume_role_policy": "${jsonencode(local.policy)}"}) with data.perimeter as _perimeter
}
