package perimeter_checks.rules.perim_m3_eventbridge_policy_test

import rego.v1

import data.main

# Raw Terraform as conftest's HCL parser delivers it (resource.<type>.<name> = [block]).
_input(attributes) := {"resource": {"aws_cloudwatch_event_bus_policy": {"example": [attributes]}}}

_ids(results) := {r.rule_id | some r in results}

# The perimeter of examples/perimeter.yaml, as conftest --data would load it.
_perimeter := {"org_ids": ["o-a1b2c3d4e5"], "account_ids": ["111111111111", "222222222222"]}

test_perim_m3_eventbridge_policy_bad_policy_is_denied if {
	results := main.deny_PERIM_M3_EVENTBRIDGE_POLICY with input as _input({"policy": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"*\"}]}"}) with data.perimeter as _perimeter
	"PERIM_M3_EVENTBRIDGE_POLICY" in _ids(results)
	some r in results
	r.resource == "aws_cloudwatch_event_bus_policy.example"
	r.mitigation == "M3"
	r.severity == "MEDIUM"
	contains(r.msg, "aws_cloudwatch_event_bus_policy.example")
}

test_perim_m3_eventbridge_policy_restricted_policy_passes if {
	count(main.deny_PERIM_M3_EVENTBRIDGE_POLICY) == 0 with input as _input({"policy": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}}]}"}) with data.perimeter as _perimeter
	count(main.warn_PERIM_M3_EVENTBRIDGE_POLICY) == 0 with input as _input({"policy": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}}]}"}) with data.perimeter as _perimeter
}

test_perim_m3_eventbridge_policy_expression_warns if {
	results := main.warn_PERIM_M3_EVENTBRIDGE_POLICY with input as _input({"policy": "${jsonencode(local.policy)}"}) with data.perimeter as _perimeter
	"PERIM_M3_EVENTBRIDGE_POLICY" in _ids(results)
	count(main.deny_PERIM_M3_EVENTBRIDGE_POLICY) == 0 with input as _input({"policy": "${jsonencode(local.policy)}"}) with data.perimeter as _perimeter
}
