package perimeter_checks.rules.perim_m7_eks_public_endpoint_test

import rego.v1

import data.main

# Raw Terraform as conftest's HCL parser delivers it (resource.<type>.<name> = [block]).
_input(attributes) := {"resource": {"aws_eks_cluster": {"example": [attributes]}}}

_ids(results) := {r.rule_id | some r in results}

_perimeter := {"org_ids": ["o-a1b2c3d4e5"], "account_ids": ["111111111111", "222222222222"]}

test_perim_m7_eks_public_endpoint_good if {
	count(main.deny_PERIM_M7_EKS_PUBLIC_ENDPOINT) == 0 with input as _input({"vpc_config": {"public_access_cidrs": ["10.0.0.0/8"], "endpoint_public_access": true}}) with data.perimeter as _perimeter
	count(main.warn_PERIM_M7_EKS_PUBLIC_ENDPOINT) == 0 with input as _input({"vpc_config": {"public_access_cidrs": ["10.0.0.0/8"], "endpoint_public_access": true}}) with data.perimeter as _perimeter
}

test_perim_m7_eks_public_endpoint_bad_0 if {
	results := main.deny_PERIM_M7_EKS_PUBLIC_ENDPOINT with input as _input({"vpc_config": {"public_access_cidrs": ["0.0.0.0/0"], "endpoint_public_access": true}}) with data.perimeter as _perimeter
	"PERIM_M7_EKS_PUBLIC_ENDPOINT" in _ids(results)
	some r in results
	r.resource == "aws_eks_cluster.example"
	r.mitigation == "M7"
	r.severity == "MEDIUM"
}

test_perim_m7_eks_public_endpoint_unresolved_0 if {
	"PERIM_M7_EKS_PUBLIC_ENDPOINT" in _ids(main.warn_PERIM_M7_EKS_PUBLIC_ENDPOINT) with input as _input({"vpc_config": {"public_access_cidrs": "${var.unknown}", "endpoint_public_access": true}}) with data.perimeter as _perimeter
	count(main.deny_PERIM_M7_EKS_PUBLIC_ENDPOINT) == 0 with input as _input({"vpc_config": {"public_access_cidrs": "${var.unknown}", "endpoint_public_access": true}}) with data.perimeter as _perimeter
}

test_perim_m7_eks_public_endpoint_unresolved_when_0 if {
	"PERIM_M7_EKS_PUBLIC_ENDPOINT" in _ids(main.warn_PERIM_M7_EKS_PUBLIC_ENDPOINT) with input as _input({"vpc_config": {"public_access_cidrs": ["10.0.0.0/8"], "endpoint_public_access": "${var.unknown}"}}) with data.perimeter as _perimeter
	count(main.deny_PERIM_M7_EKS_PUBLIC_ENDPOINT) == 0 with input as _input({"vpc_config": {"public_access_cidrs": ["10.0.0.0/8"], "endpoint_public_access": "${var.unknown}"}}) with data.perimeter as _perimeter
}
