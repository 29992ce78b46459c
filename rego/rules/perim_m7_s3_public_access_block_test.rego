package perimeter_checks.rules.perim_m7_s3_public_access_block_test

import rego.v1

import data.main

# Raw Terraform as conftest's HCL parser delivers it (resource.<type>.<name> = [block]).
_input(attributes) := {"resource": {"aws_s3_account_public_access_block": {"example": [attributes]}}}

_ids(results) := {r.rule_id | some r in results}

_perimeter := {"org_ids": ["o-a1b2c3d4e5"], "account_ids": ["111111111111", "222222222222"]}

test_perim_m7_s3_public_access_block_good if {
	count(main.deny_PERIM_M7_S3_PUBLIC_ACCESS_BLOCK) == 0 with input as _input({"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}) with data.perimeter as _perimeter
	count(main.warn_PERIM_M7_S3_PUBLIC_ACCESS_BLOCK) == 0 with input as _input({"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}) with data.perimeter as _perimeter
}

test_perim_m7_s3_public_access_block_bad_0 if {
	results := main.deny_PERIM_M7_S3_PUBLIC_ACCESS_BLOCK with input as _input({"block_public_acls": false}) with data.perimeter as _perimeter
	"PERIM_M7_S3_PUBLIC_ACCESS_BLOCK" in _ids(results)
	some r in results
	r.resource == "aws_s3_account_public_access_block.example"
	r.mitigation == "M7"
	r.severity == "MEDIUM"
}

test_perim_m7_s3_public_access_block_unresolved_0 if {
	"PERIM_M7_S3_PUBLIC_ACCESS_BLOCK" in _ids(main.warn_PERIM_M7_S3_PUBLIC_ACCESS_BLOCK) with input as _input({"block_public_acls": "${var.unknown}", "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}) with data.perimeter as _perimeter
	count(main.deny_PERIM_M7_S3_PUBLIC_ACCESS_BLOCK) == 0 with input as _input({"block_public_acls": "${var.unknown}", "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}) with data.perimeter as _perimeter
}

test_perim_m7_s3_public_access_block_bad_1 if {
	results := main.deny_PERIM_M7_S3_PUBLIC_ACCESS_BLOCK with input as _input({"block_public_policy": false}) with data.perimeter as _perimeter
	"PERIM_M7_S3_PUBLIC_ACCESS_BLOCK" in _ids(results)
	some r in results
	r.resource == "aws_s3_account_public_access_block.example"
	r.mitigation == "M7"
	r.severity == "MEDIUM"
}

test_perim_m7_s3_public_access_block_unresolved_1 if {
	"PERIM_M7_S3_PUBLIC_ACCESS_BLOCK" in _ids(main.warn_PERIM_M7_S3_PUBLIC_ACCESS_BLOCK) with input as _input({"block_public_acls": true, "block_public_policy": "${var.unknown}", "ignore_public_acls": true, "restrict_public_buckets": true}) with data.perimeter as _perimeter
	count(main.deny_PERIM_M7_S3_PUBLIC_ACCESS_BLOCK) == 0 with input as _input({"block_public_acls": true, "block_public_policy": "${var.unknown}", "ignore_public_acls": true, "restrict_public_buckets": true}) with data.perimeter as _perimeter
}

test_perim_m7_s3_public_access_block_bad_2 if {
	results := main.deny_PERIM_M7_S3_PUBLIC_ACCESS_BLOCK with input as _input({"ignore_public_acls": false}) with data.perimeter as _perimeter
	"PERIM_M7_S3_PUBLIC_ACCESS_BLOCK" in _ids(results)
	some r in results
	r.resource == "aws_s3_account_public_access_block.example"
	r.mitigation == "M7"
	r.severity == "MEDIUM"
}

test_perim_m7_s3_public_access_block_unresolved_2 if {
	"PERIM_M7_S3_PUBLIC_ACCESS_BLOCK" in _ids(main.warn_PERIM_M7_S3_PUBLIC_ACCESS_BLOCK) with input as _input({"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": "${var.unknown}", "restrict_public_buckets": true}) with data.perimeter as _perimeter
	count(main.deny_PERIM_M7_S3_PUBLIC_ACCESS_BLOCK) == 0 with input as _input({"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": "${var.unknown}", "restrict_public_buckets": true}) with data.perimeter as _perimeter
}

test_perim_m7_s3_public_access_block_bad_3 if {
	results := main.deny_PERIM_M7_S3_PUBLIC_ACCESS_BLOCK with input as _input({"restrict_public_buckets": false}) with data.perimeter as _perimeter
	"PERIM_M7_S3_PUBLIC_ACCESS_BLOCK" in _ids(results)
	some r in results
	r.resource == "aws_s3_account_public_access_block.example"
	r.mitigation == "M7"
	r.severity == "MEDIUM"
}

test_perim_m7_s3_public_access_block_unresolved_3 if {
	"PERIM_M7_S3_PUBLIC_ACCESS_BLOCK" in _ids(main.warn_PERIM_M7_S3_PUBLIC_ACCESS_BLOCK) with input as _input({"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": "${var.unknown}"}) with data.perimeter as _perimeter
	count(main.deny_PERIM_M7_S3_PUBLIC_ACCESS_BLOCK) == 0 with input as _input({"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": "${var.unknown}"}) with data.perimeter as _perimeter
}
