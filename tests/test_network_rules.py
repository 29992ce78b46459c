"""Attribute rules (M4 missing policy, M5, M7): the Python checks and their Rego twin agree.

Every catalog resource type of every attribute rule gets cases derived from its spec
(tests/network_cases.py: breaking, compliant, unresolved values, unresolved gates), judged
by perimeter_checks.rules.network and by data.perimeter_checks.lib.network in one OPA
call. Also: the endpoint/endpoint-policy correlation in raw HCL, plan and CloudFormation,
and the value forms each engine produces (Checkov's bare references, plan placeholders).
"""

from __future__ import annotations

import json

import pytest

from perimeter_checks.catalog import load_catalog
from perimeter_checks.config import PerimeterConfig
from perimeter_checks.policy.values import Unresolved
from perimeter_checks.rules import ResourceView, evaluate
from perimeter_checks.rules.network import RESOURCE_CHECKS
from perimeter_checks.sources.cloudformation import template_views
from perimeter_checks.sources.plan import plan_views

from network_cases import cases_for, verdict_matches
from rego_runner import Conftest, new_engine, verdicts

CONFIG = PerimeterConfig(org_ids=("o-a1b2c3d4e5",), account_ids=("111111111111",))


def _cases():
    for rule in load_catalog().rules:
        if rule.check not in RESOURCE_CHECKS:
            continue
        for framework, table in (("terraform", rule.terraform), ("cloudformation", rule.cloudformation)):
            for resource_type, spec in sorted(table.items()):
                for label, attributes, expected in cases_for(rule.check, spec):
                    yield rule, framework, resource_type, spec, label, attributes, expected


CASES = list(_cases())


@pytest.fixture(scope="module")
def engine():
    return new_engine()


def test_python_and_rego_agree_on_every_attribute_rule_and_type(engine):
    batch = [
        {"check": rule.check, "spec": spec,
         "view": {"framework": framework, "type": resource_type, "address": f"{resource_type}.x", "attributes": attributes}}
        for rule, framework, resource_type, spec, _, attributes, _ in CASES
    ]
    rows = engine.eval_query(
        "x := [sort({i.verdict | some i in data.perimeter_checks.lib.network.check(c.check, c.view, c.spec)}) "
        "| some c in input.cases]",
        {"cases": batch},
    )
    rego = rows[0]["x"]
    assert len(rego) == len(CASES) > 100
    problems = []
    for (rule, framework, resource_type, spec, label, attributes, expected), rego_verdicts in zip(CASES, rego):
        view = ResourceView(framework, resource_type, f"{resource_type}.x", attributes)
        python = sorted({f.verdict for f in evaluate(rule, view, CONFIG)})
        if python != rego_verdicts or not verdict_matches(python, expected):
            problems.append(f"{rule.id} {resource_type} {label}: python={python} rego={rego_verdicts} expected={expected}")
    assert not problems, "\n".join(problems)


def _judge(rule_id, framework, resource_type, attributes, **extra):
    view = ResourceView(framework, resource_type, f"{resource_type}.x", attributes, **extra)
    return sorted({f.verdict for f in evaluate(load_catalog().rule(rule_id), view, CONFIG)})


@pytest.mark.parametrize("value, expected", [
    (True, ["fail"]), ("true", ["fail"]), ("TRUE", ["fail"]), (False, []), ("false", []),
    ("${var.public}", ["warn"]), ("var.public", ["warn"]), (Unresolved("known after apply"), ["warn"]),
    ([True], ["fail"]),
])
def test_switch_value_forms(value, expected):
    assert _judge("PERIM_M7_PUBLICLY_ACCESSIBLE", "terraform", "aws_db_instance", {"publicly_accessible": value}) == expected


def test_defaults_decide_when_a_switch_is_absent():
    assert _judge("PERIM_M7_PUBLICLY_ACCESSIBLE", "terraform", "aws_db_instance", {}) == []
    assert _judge("PERIM_M7_PUBLICLY_ACCESSIBLE", "terraform", "aws_dms_replication_instance", {}) == ["fail"]
    assert _judge("PERIM_M7_PUBLICLY_ACCESSIBLE", "cloudformation", "AWS::RDS::DBInstance", {}) == ["warn"]
    assert _judge("PERIM_M7_LOAD_BALANCER_INTERNET_FACING", "terraform", "aws_lb", {}) == ["fail"]
    assert _judge("PERIM_M7_LOAD_BALANCER_INTERNET_FACING", "terraform", "aws_lb", {"load_balancer_type": "gateway"}) == []
    assert _judge("PERIM_M7_SECRETSMANAGER_PUBLIC_POLICY", "terraform", "aws_secretsmanager_secret_policy", {}) == ["fail"]
    assert _judge("PERIM_M7_SECRETSMANAGER_PUBLIC_POLICY", "cloudformation", "AWS::SecretsManager::ResourcePolicy", {}) == []
    assert _judge("PERIM_M7_S3_PUBLIC_ACCESS_BLOCK", "cloudformation", "AWS::S3::Bucket", {}) == []
    assert _judge("PERIM_M7_EKS_PUBLIC_ENDPOINT", "terraform", "aws_eks_cluster", {"vpc_config": [{"subnet_ids": ["s"]}]}) == ["fail"]
    assert _judge("PERIM_M7_EKS_PUBLIC_ENDPOINT", "terraform", "aws_eks_cluster",
                  {"vpc_config": [{"endpoint_public_access": False}]}) == []


def test_security_group_egress_defaults_differ_between_terraform_and_cloudformation():
    assert _judge("PERIM_M5_SECURITY_GROUP_EGRESS_ANYWHERE", "terraform", "aws_security_group", {"name": "x"}) == []
    assert _judge("PERIM_M5_SECURITY_GROUP_EGRESS_ANYWHERE", "cloudformation", "AWS::EC2::SecurityGroup",
                  {"GroupDescription": "x"}) == ["fail"]
    assert _judge("PERIM_M5_SECURITY_GROUP_EGRESS_ANYWHERE", "terraform", "aws_security_group_rule",
                  {"type": "ingress", "cidr_blocks": ["0.0.0.0/0"]}) == []


@pytest.mark.parametrize("gateway, expected", [
    ("aws_internet_gateway.main.id", ["fail"]),  # Checkov's HCL and plan rendering
    ("${aws_internet_gateway.main.id}", ["fail"]),  # the scanner's HCL
    (Unresolved("known after apply (from aws_internet_gateway.main.id, aws_internet_gateway.main)"), ["fail"]),
    ("${aws_vpn_gateway.office.id}", []),
    ("${var.gateway}", ["warn"]),
])
def test_route_gateway_forms(gateway, expected):
    attributes = {"destination_cidr_block": "0.0.0.0/0", "gateway_id": gateway}
    assert _judge("PERIM_M5_ROUTE_TO_INTERNET", "terraform", "aws_route", attributes) == expected


def test_cloudformation_route_gateway_type_comes_from_the_template():
    types = {"Igw": "AWS::EC2::InternetGateway", "Vgw": "AWS::EC2::VPNGateway"}.get
    route = {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "${AWS::StackResource:Igw}"}
    assert _judge("PERIM_M5_ROUTE_TO_INTERNET", "cloudformation", "AWS::EC2::Route", route, type_of=types) == ["fail"]
    route["GatewayId"] = "${AWS::StackResource:Vgw}"
    assert _judge("PERIM_M5_ROUTE_TO_INTERNET", "cloudformation", "AWS::EC2::Route", route, type_of=types) == []
    assert _judge("PERIM_M5_ROUTE_TO_INTERNET", "cloudformation", "AWS::EC2::Route", route) == ["warn"]


# ---------------------------------------------------------------- endpoint correlation

POLICY = json.dumps({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*",
                                    "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5",
                                                                   "aws:ResourceOrgID": "o-a1b2c3d4e5"}}}]})


@pytest.fixture(scope="module")
def conftest():
    return Conftest(data={"perimeter": {"org_ids": ["o-a1b2c3d4e5"], "account_ids": ["111111111111"]}})


def _missing(found):
    return {r for rule, r, _ in found if rule == "PERIM_M4_VPC_ENDPOINT_MISSING_POLICY"}


def test_raw_hcl_endpoint_with_separate_policy_is_not_missing(conftest):
    document = {"resource": {
        "aws_vpc_endpoint": {"s3": [{"service_name": "com.amazonaws.eu-west-1.s3"}],
                             "bare": [{"service_name": "com.amazonaws.eu-west-1.sqs", "vpc_endpoint_type": "Interface"}]},
        "aws_vpc_endpoint_policy": {"s3": [{"vpc_endpoint_id": "${aws_vpc_endpoint.s3.id}", "policy": POLICY}]},
    }}
    assert _missing(verdicts(conftest.test(document, "main.tf"))) == {"aws_vpc_endpoint.bare"}


def _plan(endpoint_id_known: bool) -> dict:
    after = {"vpc_endpoint_id": "vpce-0a1b2c3d4e5f60001", "policy": POLICY} if endpoint_id_known else {"policy": POLICY}
    policy_resource = {"address": "module.net.aws_vpc_endpoint_policy.s3", "mode": "managed",
                       "type": "aws_vpc_endpoint_policy", "name": "s3", "values": after}
    endpoints = [
        {"address": f"module.net.aws_vpc_endpoint.{n}", "mode": "managed", "type": "aws_vpc_endpoint", "name": n,
         "values": {"service_name": "com.amazonaws.eu-west-1.s3", "vpc_endpoint_type": "Gateway"}}
        for n in ("s3", "bare")
    ]
    return {
        "format_version": "1.2", "terraform_version": "1.9.0",
        "planned_values": {"root_module": {"child_modules": [
            {"address": "module.net", "resources": endpoints + [policy_resource]}]}},
        "resource_changes": [
            {"address": r["address"], "mode": "managed", "type": r["type"], "name": r["name"],
             "change": {"actions": ["create"], "after": r["values"],
                        "after_unknown": {} if endpoint_id_known or r["type"] != "aws_vpc_endpoint_policy"
                        else {"vpc_endpoint_id": True}}}
            for r in endpoints + [policy_resource]
        ],
        "configuration": {"root_module": {"module_calls": {"net": {"module": {"resources": [
            {"address": "aws_vpc_endpoint.s3", "mode": "managed", "type": "aws_vpc_endpoint", "name": "s3", "expressions": {}},
            {"address": "aws_vpc_endpoint.bare", "mode": "managed", "type": "aws_vpc_endpoint", "name": "bare", "expressions": {}},
            {"address": "aws_vpc_endpoint_policy.s3", "mode": "managed", "type": "aws_vpc_endpoint_policy", "name": "s3",
             "expressions": {"vpc_endpoint_id": {"references": ["aws_vpc_endpoint.s3.id", "aws_vpc_endpoint.s3"]},
                             "policy": {"constant_value": POLICY}}},
        ]}}}}},
    }


@pytest.mark.parametrize("known", [False, True], ids=["endpoint-id-unknown", "endpoint-id-known"])
def test_plan_endpoint_with_separate_policy_is_not_missing(conftest, known):
    plan = _plan(known)
    expected = {"module.net.aws_vpc_endpoint.bare"}
    assert _missing(verdicts(conftest.test(plan, "plan.json"))) == expected
    rule = load_catalog().rule("PERIM_M4_VPC_ENDPOINT_MISSING_POLICY")
    python = {f.resource for v in plan_views(plan) for f in evaluate(rule, v, CONFIG)}
    assert python == expected


def test_cloudformation_endpoint_without_policy_document(conftest):
    template = {"Resources": {
        "BadEndpoint": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"ServiceName": "com.amazonaws.eu-west-1.s3"}},
        "GoodEndpoint": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"ServiceName": "com.amazonaws.eu-west-1.s3",
                                                                          "PolicyDocument": json.loads(POLICY)}},
    }}
    rule = load_catalog().rule("PERIM_M4_VPC_ENDPOINT_MISSING_POLICY")
    python = {f.resource for v in template_views(template) for f in evaluate(rule, v, CONFIG)}
    assert python == _missing(verdicts(conftest.test(template, "template.json"))) == {"BadEndpoint"}
