package perimeter_checks.rules.perim_m7_sagemaker_internet_test

import rego.v1

import data.main

# Raw Terraform as conftest's HCL parser delivers it (resource.<type>.<name> = [block]).
_input(attributes) := {"resource": {"aws_sagemaker_domain": {"example": [attributes]}}}

_ids(results) := {r.rule_id | some r in results}

_perimeter := {"org_ids": ["o-a1b2c3d4e5"], "account_ids": ["111111111111", "222222222222"]}

test_perim_m7_sagemaker_internet_good if {
	count(main.deny_PERIM_M7_SAGEMAKER_INTERNET) == 0 with input as _input({"app_network_access_type": "vpconly"}) with data.perimeter as _perimeter
	count(main.warn_PERIM_M7_SAGEMAKER_INTERNET) == 0 with input as _input({"app_network_access_type": "vpconly"}) with data.perimeter as _perimeter
}

test_perim_m7_sagemaker_internet_bad_0 if {
	results := main.deny_PERIM_M7_SAGEMAKER_INTERNET with input as _input({"app_network_access_type": "something-else"}) with data.perimeter as _perimeter
	"PERIM_M7_SAGEMAKER_INTERNET" in _ids(results)
	some r in results
	r.resource == "aws_sagemaker_domain.example"
	r.mitigation == "M7"
	r.severity == "MEDIUM"
}

test_perim_m7_sagemaker_internet_unresolved_0 if {
	"PERIM_M7_SAGEMAKER_INTERNET" in _ids(main.warn_PERIM_M7_SAGEMAKER_INTERNET) with input as _input({"app_network_access_type": "${var.unknown}"}) with data.perimeter as _perimeter
	count(main.deny_PERIM_M7_SAGEMAKER_INTERNET) == 0 with input as _input({"app_network_access_type": "${var.unknown}"}) with data.perimeter as _perimeter
}
