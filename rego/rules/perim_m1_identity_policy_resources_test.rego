package perimeter_checks.rules.perim_m1_identity_policy_resources_test

import rego.v1

import data.main

# Raw Terraform as conftest's HCL parser delivers it (resource.<type>.<name> = [block]).
_ids(results) := {r.rule_id | some r in results}

_perimeter := {"org_ids": ["o-a1b2c3d4e5"], "account_ids": ["111111111111", "222222222222"], "regions": ["eu-west-1"]}

_bad := {"resource": {"aws_iam_policy": {"example": [{"policy": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}"}]}}}

_good := {"resource": {"aws_iam_policy": {"example": [{"policy": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:ResourceOrgID\": \"o-a1b2c3d4e5\"}}}]}"}]}}}

_unresolved := {"resource": {"aws_iam_policy": {"example": [{"policy": "${jsonencode(local.policy)}"}]}}}

test_perim_m1_identity_policy_resources_bad_policy_is_denied if {
	results := main.deny_PERIM_M1_IDENTITY_POLICY_RESOURCES with input as _bad with data.perimeter as _perimeter
	"PERIM_M1_IDENTITY_POLICY_RESOURCES" in _ids(results)
	some r in results
	r.resource == "aws_iam_policy.example"
	r.mitigation == "M1"
	r.severity == "LOW"
}

test_perim_m1_identity_policy_resources_compliant_policy_passes if {
	count(main.deny_PERIM_M1_IDENTITY_POLICY_RESOURCES) == 0 with input as _good with data.perimeter as _perimeter
	count(main.warn_PERIM_M1_IDENTITY_POLICY_RESOURCES) == 0 with input as _good with data.perimeter as _perimeter
}

test_perim_m1_identity_policy_resources_expression_warns if {
	results := main.warn_PERIM_M1_IDENTITY_POLICY_RESOURCES with input as _unresolved with data.perimeter as _perimeter
	"PERIM_M1_IDENTITY_POLICY_RESOURCES" in _ids(results)
	count(main.deny_PERIM_M1_IDENTITY_POLICY_RESOURCES) == 0 with input as _unresolved with data.perimeter as _perimeter
}
