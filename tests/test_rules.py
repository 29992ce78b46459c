"""Per-rule tests: every resource type of every catalog rule is read and judged.

For each (rule, framework, resource type) a policy that breaks the rule is placed
where the catalog says the policy lives, and must fail; the same place with a
compliant policy must pass; an unreadable policy must warn.
"""

import json

import pytest

from perimeter_checks.catalog import load_catalog
from perimeter_checks.config import PerimeterConfig
from perimeter_checks.policy.values import Unresolved
from perimeter_checks.rules import ResourceView, evaluate
from perimeter_checks.rules.network import RESOURCE_CHECKS

from network_cases import cases_for, verdict_matches

ORG = "o-a1b2c3d4e5"
CONFIG = PerimeterConfig(org_ids=(ORG,), account_ids=("111111111111",), trusted_accounts=("999999999999",))
GITHUB = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"


def statement(principal, condition=None, action="*"):
    body = {"Effect": "Allow", "Principal": principal, "Action": action, "Resource": "*"}
    if condition:
        body["Condition"] = condition
    return {"Version": "2012-10-17", "Statement": [body]}


# check -> (breaking policy, compliant policy) as IAM documents
POLICIES = {
    "external_principals": (statement("*"), statement("*", {"StringEquals": {"aws:PrincipalOrgID": ORG}})),
    "service_principal_source": (
        statement({"Service": "events.amazonaws.com"}),
        statement({"Service": "events.amazonaws.com"}, {"StringEquals": {"aws:SourceAccount": "111111111111"}}),
    ),
    "trust_external_principals": (
        statement({"AWS": "444455556666"}, action="sts:AssumeRole"),
        statement({"AWS": "444455556666"}, {"StringEquals": {"aws:PrincipalOrgID": ORG}}, "sts:AssumeRole"),
    ),
    "trust_federated_principals": (
        statement({"Federated": GITHUB}, action="sts:AssumeRoleWithWebIdentity"),
        statement(
            {"Federated": GITHUB},
            {
                "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
                "StringLike": {"token.actions.githubusercontent.com:sub": "repo:my-org/app:*"},
            },
            "sts:AssumeRoleWithWebIdentity",
        ),
    ),
}

POLICIES["endpoint_principals"] = POLICIES["external_principals"]
POLICIES["endpoint_resources"] = (
    statement("*", {"StringEquals": {"aws:PrincipalOrgID": ORG}}),
    statement("*", {"StringEquals": {"aws:PrincipalOrgID": ORG, "aws:ResourceOrgID": ORG}}),
)

POLICIES["identity_resource_scope"] = (
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]},
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                                             "Condition": {"StringEquals": {"aws:ResourceOrgID": ORG}}}]},
)


def deny(condition, action="*", **extra):
    return {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": action, "Resource": "*", "Condition": condition, **extra}]}


SCP, RCP = "SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"
_LEAVE = deny({}, "organizations:LeaveOrganization")
_IDENTITY_RCP = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {
        "StringNotEqualsIfExists": {"aws:PrincipalOrgID": ORG}, "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}}},
    {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {
        "StringNotEqualsIfExists": {"aws:SourceOrgID": ORG}, "Null": {"aws:SourceAccount": "false"},
        "Bool": {"aws:PrincipalIsAWSService": "true"}}},
]}
_RESOURCE_SCP = deny({"StringNotEqualsIfExists": {"aws:ResourceOrgID": ORG}})
_NETWORK_SCP = deny({"NotIpAddressIfExists": {"aws:SourceIp": "203.0.113.0/24"}, "BoolIfExists": {"aws:ViaAWSService": "false"}}, "s3:*")
_REGION_GUARD = {"Version": "2012-10-17", "Statement": [{
    "Effect": "Deny", "NotAction": ["iam:*", "organizations:*", "sts:*", "route53:*", "cloudfront:*", "support:*"],
    "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}}]}
_GOVERNANCE_SCP = deny({"Bool": {"ram:RequestedAllowsExternalPrincipals": "true"}}, "ram:CreateResourceShare")
# organization check -> ((type, breaking policy), (type, compliant policy))
ORGANIZATION = {
    "org_policy_lint": ((SCP, {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",
                                "Condition": {"StringEquals": {"aws:ResourceOrgID": ORG}}}]}), (SCP, _RESOURCE_SCP)),
    "org_resource_perimeter": ((SCP, deny({"StringEquals": {"aws:ResourceOrgID": ORG}})), (SCP, _RESOURCE_SCP)),
    "org_network_perimeter": ((SCP, deny({"NotIpAddressIfExists": {"aws:SourceIp": "203.0.113.0/24"}}, "s3:*")), (SCP, _NETWORK_SCP)),
    "rcp_identity_perimeter": ((RCP, {"Version": "2012-10-17", "Statement": _IDENTITY_RCP["Statement"][:1]}), (RCP, _IDENTITY_RCP)),
    "org_region_guard": ((SCP, deny({"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}})), (SCP, _REGION_GUARD)),
    "org_missing_identity_rcp": ((RCP, _LEAVE), (RCP, _IDENTITY_RCP)),
    "org_missing_resource_scp": ((SCP, _LEAVE), (SCP, _RESOURCE_SCP)),
    "org_missing_network": ((SCP, _LEAVE), (SCP, _NETWORK_SCP)),
    "org_missing_region_guard": ((SCP, _LEAVE), (SCP, _REGION_GUARD)),
    "org_missing_governance_scp": ((SCP, _LEAVE), (SCP, _GOVERNANCE_SCP)),
}


def place_organization(spec: str, policy_type: str, policy, framework: str) -> dict:
    _, content, type_attribute = spec.split(":")
    value = json.dumps(policy) if framework == "terraform" and isinstance(policy, dict) else policy
    return {type_attribute: policy_type, content: value}


# permission adapters -> (breaking arguments, compliant arguments), Terraform and CloudFormation names
PERMISSIONS = {
    "lambda": {
        "external_principals": (
            ({"principal": "*"}, {"principal": "*", "principal_org_id": ORG}),
            ({"Principal": "*"}, {"Principal": "*", "PrincipalOrgID": ORG}),
        ),
        "service_principal_source": (
            ({"principal": "s3.amazonaws.com"}, {"principal": "s3.amazonaws.com", "source_account": "111111111111"}),
            ({"Principal": "s3.amazonaws.com"}, {"Principal": "s3.amazonaws.com", "SourceAccount": "111111111111"}),
        ),
    },
    "lambda_layer": {
        "external_principals": (
            ({"principal": "*"}, {"principal": "*", "organization_id": ORG}),
            ({"Principal": "*"}, {"Principal": "*", "OrganizationId": ORG}),
        ),
    },
    "eventbridge": {
        "external_principals": (
            (
                {"principal": "*"},
                {"principal": "*", "condition": [{"key": "aws:PrincipalOrgID", "type": "StringEquals", "value": ORG}]},
            ),
            (
                {"Principal": "*"},
                {"Principal": "*", "Condition": {"Key": "aws:PrincipalOrgID", "Type": "StringEquals", "Value": ORG}},
            ),
        ),
    },
}


def place(spec: str, policy, framework: str) -> dict:
    """Build attributes holding `policy` at the catalog's attribute path."""
    segments = spec.split(".")
    value = json.dumps(policy) if framework == "terraform" and isinstance(policy, dict) else policy
    for segment in reversed(segments[1:]):
        key = segment[:-2] if segment.endswith("[]") else segment
        value = [{key: value}] if segment.endswith("[]") or framework == "terraform" else {key: value}
    first = segments[0]
    return {first[:-2]: [value]} if first.endswith("[]") else {first: value}


def cases():
    for rule in load_catalog().rules:
        for framework, table in (("terraform", rule.terraform), ("cloudformation", rule.cloudformation)):
            for resource_type, spec in sorted(table.items()):
                yield pytest.param(rule, framework, resource_type, spec, id=f"{rule.id}-{resource_type}")


def run(rule, framework, resource_type, attributes):
    view = ResourceView(framework, resource_type, f"{resource_type}.x", attributes)
    return [f.verdict for f in evaluate(rule, view, CONFIG)]


@pytest.mark.parametrize("rule, framework, resource_type, spec", list(cases()))
def test_rule_reads_and_judges_every_resource_type(rule, framework, resource_type, spec):
    if rule.check in RESOURCE_CHECKS:
        for label, attributes, expected in cases_for(rule.check, spec):
            verdicts = run(rule, framework, resource_type, attributes)
            assert verdict_matches(verdicts, expected), (label, attributes, verdicts)
        return
    if spec.startswith("organization:"):
        (bad_type, bad_policy), (good_type, good_policy) = ORGANIZATION[rule.check]
        unknown = "${aws_iam_policy.shared.policy}" if framework == "terraform" else Unresolved("Fn::GetAtt")
        assert run(rule, framework, resource_type, place_organization(spec, SCP, unknown, framework)) == ["warn"]
        assert "fail" in run(rule, framework, resource_type, place_organization(spec, bad_type, bad_policy, framework))
        assert run(rule, framework, resource_type, place_organization(spec, good_type, good_policy, framework)) == []
        return
    if spec == "inline_policy[].policy" and framework == "terraform":
        bad_policy, good_policy = POLICIES[rule.check]
        block = lambda policy: {"inline_policy": [{"name": "x", "policy": json.dumps(policy)}]}  # noqa: E731
        assert run(rule, framework, resource_type, {"inline_policy": [{"policy": "${aws_iam_policy.shared.policy}"}]}) == ["warn"]
        assert "fail" in run(rule, framework, resource_type, block(bad_policy))
        assert run(rule, framework, resource_type, block(good_policy)) == []
        return
    if spec.startswith("permission:"):
        adapter = spec.split(":", 1)[1]
        if rule.check not in PERMISSIONS[adapter]:
            pytest.skip(f"{adapter} permissions cannot express {rule.check}")
        terraform_args, cloudformation_args = PERMISSIONS[adapter][rule.check]
        bad, good = terraform_args if framework == "terraform" else cloudformation_args
    else:
        bad_policy, good_policy = POLICIES[rule.check]
        bad, good = place(spec, bad_policy, framework), place(spec, good_policy, framework)
        unknown = "${aws_iam_policy.shared.policy}" if framework == "terraform" else Unresolved("Fn::GetAtt")
        assert run(rule, framework, resource_type, place(spec, unknown, framework)) == ["warn"]
    assert "fail" in run(rule, framework, resource_type, bad)
    assert run(rule, framework, resource_type, good) == []


def test_other_resource_types_are_ignored():
    rule = load_catalog().rule("PERIM_M3_S3_POLICY")
    assert run(rule, "terraform", "aws_sqs_queue_policy", {"policy": json.dumps(statement("*"))}) == []


def test_resource_without_a_policy_has_nothing_to_judge():
    rule = load_catalog().rule("PERIM_M3_SQS_POLICY")
    assert run(rule, "terraform", "aws_sqs_queue", {"name": "q"}) == []


def test_data_document_reference_without_a_resolver_warns():
    rule = load_catalog().rule("PERIM_M3_S3_POLICY")
    attributes = {"policy": "data.aws_iam_policy_document.doc.json"}
    assert run(rule, "terraform", "aws_s3_bucket_policy", attributes) == ["warn"]
