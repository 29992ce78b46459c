"""VPC endpoint policies (M4): AWS's own shapes pass, everything else needs your org."""

import json

import pytest

from perimeter_checks.policy.analysis import aws_owned_resource, endpoint_principals, endpoint_resources
from perimeter_checks.policy.document import parse_policy

from aws_examples import CONFIG, EXAMPLES, ORG, fill

REFERENCE = EXAMPLES / "vpc_endpoint_policies"


def verdicts(predicate, statements, config=CONFIG):
    return [i.verdict for i in predicate(parse_policy({"Statement": statements}), config)]


def allow(condition=None, resource="*", principal="*"):
    statement = {"Effect": "Allow", "Principal": principal, "Action": "*", "Resource": resource}
    if condition:
        statement["Condition"] = condition
    return statement


ORG_TO_ORG = {"StringEquals": {"aws:PrincipalOrgID": ORG, "aws:ResourceOrgID": ORG}}


def test_org_principals_to_org_resources_pass_both_rules():
    assert verdicts(endpoint_principals, [allow(ORG_TO_ORG)]) == []
    assert verdicts(endpoint_resources, [allow(ORG_TO_ORG)]) == []


def test_statement_without_principal_org_fails():
    assert verdicts(endpoint_principals, [allow()]) == ["fail"]
    assert verdicts(endpoint_principals, [allow({"StringEquals": {"aws:ResourceOrgID": ORG}})]) == ["fail"]


def test_foreign_principal_org_fails():
    assert verdicts(endpoint_principals, [allow({"StringEquals": {"aws:PrincipalOrgID": "o-zzzzzzzzzz"}})]) == ["fail"]


def test_aws_service_principals_statement_is_aws_shape():
    assert verdicts(endpoint_principals, [allow({"Bool": {"aws:PrincipalIsAWSService": "true"}})]) == []
    assert verdicts(endpoint_principals, [allow({"BoolIfExists": {"aws:PrincipalIsAWSService": "true"}})]) == ["fail"]


def test_aws_owned_resources_without_condition_are_aws_shape():
    owned = ["arn:aws:s3:::packages.eu-west-1.amazonaws.com/*", "arn:aws:s3:::aws-ssm-eu-west-1/*"]
    assert verdicts(endpoint_principals, [allow(resource=owned)]) == []
    assert verdicts(endpoint_resources, [allow(resource=owned)]) == []
    assert verdicts(endpoint_principals, [allow(resource=owned + ["arn:aws:s3:::attacker-drop/*"])]) == ["fail"]


def test_aws_owned_resource_patterns_are_not_prefix_wildcards():
    assert aws_owned_resource("arn:aws:iam::aws:policy/ReadOnlyAccess")
    assert aws_owned_resource("arn:aws:s3:::al2023-repos-eu-west-1-de612dc2/*")
    assert not aws_owned_resource("arn:aws:s3:::al2023-exfiltration/*")
    assert not aws_owned_resource("arn:aws:s3:::assets-exfil/*")


def test_third_party_identities_to_third_party_resources():
    condition = {"StringEquals": {"aws:PrincipalAccount": "999999999999", "aws:ResourceAccount": "999999999999"}}
    assert verdicts(endpoint_principals, [allow(condition)]) == []
    assert verdicts(endpoint_resources, [allow(condition)]) == []
    foreign = {"StringEquals": {"aws:PrincipalAccount": "444455556666", "aws:ResourceAccount": "444455556666"}}
    assert verdicts(endpoint_principals, [allow(foreign)]) == ["fail"]
    assert verdicts(endpoint_resources, [allow(foreign)]) == ["fail"]


def test_resource_rule_needs_resource_org_condition():
    assert verdicts(endpoint_resources, [allow({"StringEquals": {"aws:PrincipalOrgID": ORG}})]) == ["fail"]
    assert verdicts(endpoint_resources, [allow({"StringEquals": {"aws:ResourceOrgID": "o-zzzzzzzzzz"}})]) == ["fail"]


@pytest.mark.skipif(not REFERENCE.is_dir(), reason=f"AWS reference endpoint policies not found at {REFERENCE}")
@pytest.mark.parametrize("name", sorted(p.name for p in REFERENCE.glob("*.json")) if REFERENCE.is_dir() else [])
def test_aws_reference_endpoint_policies_pass_clean(name):
    text = fill((REFERENCE / name).read_text())
    assert "<" not in text, "unfilled placeholder"
    document = parse_policy(json.loads(text))
    assert endpoint_principals(document, CONFIG) == []
    assert endpoint_resources(document, CONFIG) == []


def test_resources_named_in_your_or_trusted_accounts_restrict_resources():
    mine = allow({"StringEquals": {"aws:PrincipalOrgID": ORG}}, resource="arn:aws:lambda:*:111111111111:layer:*")
    theirs = allow({"StringEquals": {"aws:PrincipalOrgID": ORG}}, resource="arn:aws:lambda:*:444455556666:layer:*")
    assert verdicts(endpoint_resources, [mine]) == []
    assert verdicts(endpoint_resources, [theirs]) == ["fail"]
