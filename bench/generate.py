"""Generated Terraform plans (`terraform show -json` shape) with a realistic resource mix.

Each unit of ten resources holds bucket + policy, role, queue policy, endpoint + endpoint
policy, function + permission, key and a topic whose policy is known only after apply;
every fifth unit lives in a child module, so module paths and data documents are exercised.
"""

from __future__ import annotations

import json

ORG = "o-a1b2c3d4e5"
OWN = "111111111111"
FOREIGN = "444455556666"


def _policy(statement: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def _unit(i: int) -> list:
    """(type, name, values, unknown attributes, configured references) for one unit."""
    public = i % 3 == 0
    condition = {} if public else {"Condition": {"StringEquals": {"aws:PrincipalOrgID": ORG}}}
    principal = "*" if i % 2 else {"AWS": f"arn:aws:iam::{OWN if i % 4 else FOREIGN}:root"}
    allow = {"Effect": "Allow", "Principal": principal, "Action": "s3:GetObject", "Resource": "*", **condition}
    trust = {"Effect": "Allow", "Action": "sts:AssumeRole",
             "Principal": {"Service": "lambda.amazonaws.com"} if i % 2 else {"AWS": f"arn:aws:iam::{FOREIGN}:root"}}
    endpoint = {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*",
                "Condition": {"StringEquals": {"aws:PrincipalOrgID": ORG, "aws:ResourceOrgID": ORG}}}
    return [
        ("aws_s3_bucket", f"b{i}", {"bucket": f"bucket-{i}"}, [], []),
        ("aws_s3_bucket_policy", f"b{i}", {"bucket": f"bucket-{i}", "policy": _policy(allow)}, [], []),
        ("aws_iam_role", f"r{i}", {"name": f"role-{i}", "assume_role_policy": _policy(trust)}, [], []),
        ("aws_sqs_queue_policy", f"q{i}", {"queue_url": f"q{i}", "policy": _policy({**allow, "Action": "sqs:*"})}, [], []),
        ("aws_vpc_endpoint", f"e{i}", {"vpc_id": "vpc-1", "service_name": "com.amazonaws.eu-west-1.s3",
                                      "vpc_endpoint_type": "Gateway"}, [], []),
        ("aws_vpc_endpoint_policy", f"e{i}", {"policy": _policy(endpoint)}, ["vpc_endpoint_id"],
         [("vpc_endpoint_id", [f"aws_vpc_endpoint.e{i}.id", f"aws_vpc_endpoint.e{i}"])]),
        ("aws_lambda_function", f"f{i}", {"function_name": f"f{i}", "vpc_config": []}, [], []),
        ("aws_lambda_permission", f"f{i}", {"function_name": f"f{i}", "principal": "*" if public else "s3.amazonaws.com",
                                           "source_account": None if public else OWN}, [], []),
        ("aws_kms_key", f"k{i}", {"policy": _policy({**allow, "Action": "kms:*"})}, [], []),
        ("aws_sns_topic_policy", f"t{i}", {"arn": f"t{i}"}, ["policy"],
         [("policy", [f"data.aws_iam_policy_document.t{i}.json", f"data.aws_iam_policy_document.t{i}"])]),
    ]


def generate_plan(resources: int) -> dict:
    """A plan with about `resources` managed resources (rounded up to units of ten)."""
    root = {"resources": [], "child_modules": []}
    changes, config_root = [], {"resources": [], "module_calls": {}}
    for i in range(max(1, -(-resources // 10))):
        module = f"m{i // 5}" if i % 5 == 4 else None
        prefix = f"module.{module}." if module else ""
        if module and module not in config_root["module_calls"]:
            root["child_modules"].append({"address": f"module.{module}", "resources": []})
            config_root["module_calls"][module] = {"source": "./unit", "module": {"resources": []}}
        planned = root["child_modules"][-1]["resources"] if module else root["resources"]
        configured = config_root["module_calls"][module]["module"]["resources"] if module else config_root["resources"]
        planned.append({
            "address": f"{prefix}data.aws_iam_policy_document.t{i}", "mode": "data", "type": "aws_iam_policy_document",
            "name": f"t{i}", "values": {"statement": [{"effect": "Allow", "actions": ["sns:Publish"],
                                                       "principals": [{"type": "AWS", "identifiers": ["*"]}],
                                                       "condition": [{"test": "StringEquals", "variable": "aws:PrincipalOrgID",
                                                                      "values": [ORG]}]}]},
        })
        for resource_type, name, values, unknown, references in _unit(i):
            address = f"{prefix}{resource_type}.{name}"
            planned.append({"address": address, "mode": "managed", "type": resource_type, "name": name,
                            "provider_name": "registry.terraform.io/hashicorp/aws", "values": values})
            changes.append({"address": address, "module_address": f"module.{module}" if module else None,
                            "mode": "managed", "type": resource_type, "name": name,
                            "change": {"actions": ["create"], "before": None, "after": values,
                                       "after_unknown": {a: True for a in unknown}}})
            configured.append({"address": f"{resource_type}.{name}", "mode": "managed", "type": resource_type,
                               "name": name, "expressions": {a: {"references": r} for a, r in references}})
    return {"format_version": "1.2", "terraform_version": "1.11.0", "planned_values": {"root_module": root},
            "resource_changes": changes, "configuration": {"root_module": config_root}}
