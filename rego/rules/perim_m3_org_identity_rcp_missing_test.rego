package perimeter_checks.rules.perim_m3_org_identity_rcp_missing_test

import rego.v1

import data.main

# Raw Terraform as conftest's HCL parser delivers it (resource.<type>.<name> = [block]).
_ids(results) := {r.rule_id | some r in results}

_perimeter := {"org_ids": ["o-a1b2c3d4e5"], "account_ids": ["111111111111", "222222222222"], "regions": ["eu-west-1"]}

_bad := {"resource": {"aws_organizations_policy": {"a_res": [{"name": "a_res", "type": "SERVICE_CONTROL_POLICY", "content": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": {\"StringNotEqualsIfExists\": {\"aws:ResourceOrgID\": \"o-a1b2c3d4e5\"}}}]}"}], "a_net": [{"name": "a_net", "type": "SERVICE_CONTROL_POLICY", "content": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\", \"Condition\": {\"NotIpAddressIfExists\": {\"aws:SourceIp\": \"203.0.113.0/24\"}, \"BoolIfExists\": {\"aws:ViaAWSService\": \"false\"}}}]}"}], "a_reg": [{"name": "a_reg", "type": "SERVICE_CONTROL_POLICY", "content": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", \"NotAction\": [\"iam:*\", \"organizations:*\", \"sts:*\", \"route53:*\", \"cloudfront:*\", \"support:*\"], \"Resource\": \"*\", \"Condition\": {\"StringNotEquals\": {\"aws:RequestedRegion\": [\"eu-west-1\"]}}}]}"}], "a_gov": [{"name": "a_gov", "type": "SERVICE_CONTROL_POLICY", "content": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"ram:CreateResourceShare\", \"Resource\": \"*\", \"Condition\": {\"Bool\": {\"ram:RequestedAllowsExternalPrincipals\": \"true\"}}}]}"}]}}}

_good := {"resource": {"aws_organizations_policy": {"a_id": [{"name": "a_id", "type": "RESOURCE_CONTROL_POLICY", "content": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": \"*\", \"Condition\": {\"StringNotEqualsIfExists\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}, \"BoolIfExists\": {\"aws:PrincipalIsAWSService\": \"false\"}}}, {\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": \"*\", \"Condition\": {\"StringNotEqualsIfExists\": {\"aws:SourceOrgID\": \"o-a1b2c3d4e5\"}, \"Null\": {\"aws:SourceAccount\": \"false\"}, \"Bool\": {\"aws:PrincipalIsAWSService\": \"true\"}}}]}"}], "a_res": [{"name": "a_res", "type": "SERVICE_CONTROL_POLICY", "content": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": {\"StringNotEqualsIfExists\": {\"aws:ResourceOrgID\": \"o-a1b2c3d4e5\"}}}]}"}], "a_net": [{"name": "a_net", "type": "SERVICE_CONTROL_POLICY", "content": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\", \"Condition\": {\"NotIpAddressIfExists\": {\"aws:SourceIp\": \"203.0.113.0/24\"}, \"BoolIfExists\": {\"aws:ViaAWSService\": \"false\"}}}]}"}], "a_reg": [{"name": "a_reg", "type": "SERVICE_CONTROL_POLICY", "content": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", \"NotAction\": [\"iam:*\", \"organizations:*\", \"sts:*\", \"route53:*\", \"cloudfront:*\", \"support:*\"], \"Resource\": \"*\", \"Condition\": {\"StringNotEquals\": {\"aws:RequestedRegion\": [\"eu-west-1\"]}}}]}"}], "a_gov": [{"name": "a_gov", "type": "SERVICE_CONTROL_POLICY", "content": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"ram:CreateResourceShare\", \"Resource\": \"*\", \"Condition\": {\"Bool\": {\"ram:RequestedAllowsExternalPrincipals\": \"true\"}}}]}"}]}}}

_unresolved := {"resource": {"aws_organizations_policy": {"example": [{"name": "example", "type": "SERVICE_CONTROL_POLICY", "content": "${jsonencode(local.scp)}"}]}}}

test_perim_m3_org_identity_rcp_missing_bad_policy_is_denied if {
	results := main.deny_PERIM_M3_ORG_IDENTITY_RCP_MISSING with input as _bad with data.perimeter as _perimeter
	"PERIM_M3_ORG_IDENTITY_RCP_MISSING" in _ids(results)
	some r in results
	r.resource == "aws_organizations_policy.a_gov"
	r.mitigation == "M3"
	r.severity == "LOW"
}

test_perim_m3_org_identity_rcp_missing_compliant_policy_passes if {
	count(main.deny_PERIM_M3_ORG_IDENTITY_RCP_MISSING) == 0 with input as _good with data.perimeter as _perimeter
	count(main.warn_PERIM_M3_ORG_IDENTITY_RCP_MISSING) == 0 with input as _good with data.perimeter as _perimeter
}

test_perim_m3_org_identity_rcp_missing_expression_warns if {
	results := main.warn_PERIM_M3_ORG_IDENTITY_RCP_MISSING with input as _unresolved with data.perimeter as _perimeter
	"PERIM_M3_ORG_IDENTITY_RCP_MISSING" in _ids(results)
	count(main.deny_PERIM_M3_ORG_IDENTITY_RCP_MISSING) == 0 with input as _unresolved with data.perimeter as _perimeter
}
