"""AWS's own data-perimeter resource policies are known-good: no M3/M8 finding.

Each 2022 resource-policy template (and the RCP-era templates for services RCPs do
not cover) is placed in the resource types it belongs to, alone and next to a public
Allow statement that only its Deny guard keeps inside the organization.
"""

import json

import pytest

from perimeter_checks.catalog import load_catalog
from perimeter_checks.rules import ResourceView, evaluate
from perimeter_checks.rules.network import RESOURCE_CHECKS

from aws_examples import CONFIG, EXAMPLES, FOREIGN_ORG, ORG, filled

pytestmark = pytest.mark.skipif(
    not EXAMPLES.is_dir(), reason=f"AWS reference policies not found at {EXAMPLES} (the shared data folder beside the repo)"
)
# template -> (Terraform type, attribute, CloudFormation type, property, an action its guard covers)
PLACEMENTS = {
    "resource_based_policies_2022/s3_bucket_policy.json": (
        "aws_s3_bucket_policy", "policy", "AWS::S3::BucketPolicy", "PolicyDocument", "s3:GetObject"),
    "resource_based_policies_2022/kms_key_policy.json": (
        "aws_kms_key", "policy", "AWS::KMS::Key", "KeyPolicy", "kms:Decrypt"),
    "resource_based_policies_2022/secretsmanager_secret_policy.json": (
        "aws_secretsmanager_secret_policy", "policy", "AWS::SecretsManager::ResourcePolicy", "ResourcePolicy",
        "secretsmanager:GetSecretValue"),
    "resource_based_policies_2022/sns_topic_policy.json": (
        "aws_sns_topic_policy", "policy", "AWS::SNS::TopicPolicy", "PolicyDocument", "sns:Publish"),
    "resource_based_policies_2022/sqs_queue_policy.json": (
        "aws_sqs_queue_policy", "policy", "AWS::SQS::QueuePolicy", "PolicyDocument", "sqs:SendMessage"),
    "resource_based_policies_2022/iam_role_trust_policy.json": (
        "aws_iam_role", "assume_role_policy", "AWS::IAM::Role", "AssumeRolePolicyDocument", "sts:AssumeRole"),
    "resource_control_policies/service_specific_controls/api_gateway_policy.json": (
        "aws_api_gateway_rest_api_policy", "policy", "AWS::ApiGateway::RestApi", "Policy", "execute-api:Invoke"),
    "resource_control_policies/service_specific_controls/sns_topic_policy.json": (
        "aws_sns_topic_policy", "policy", "AWS::SNS::TopicPolicy", "PolicyDocument", "sns:Publish"),
}


def findings_for(policy: dict, placement, config=CONFIG) -> list:
    tf_type, tf_attr, cfn_type, cfn_prop, _ = placement
    views = [
        ResourceView("terraform", tf_type, f"{tf_type}.reference", {tf_attr: json.dumps(policy)}),
        ResourceView("cloudformation", cfn_type, "Reference", {cfn_prop: policy}),
    ]
    # Policy rules only: the synthetic resources set no attribute switches (block_public_policy,
    # endpoint_configuration), which the attribute rules (rules/network.py) would rightly flag.
    rules = [rule for rule in load_catalog().rules if rule.check not in RESOURCE_CHECKS]
    return [f for view in views for rule in rules for f in evaluate(rule, view, config)]


def with_public_allow(policy: dict, action: str) -> dict:
    public = {"Sid": "PublicRead", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": action, "Resource": "*"}
    return {**policy, "Statement": policy["Statement"] + [public]}


@pytest.mark.parametrize("name", sorted(PLACEMENTS))
def test_reference_policy_alone_raises_nothing(name):
    assert findings_for(filled(name), PLACEMENTS[name]) == []


@pytest.mark.parametrize("name", sorted(PLACEMENTS))
def test_reference_policy_guard_keeps_a_public_allow_inside_the_org(name):
    placement = PLACEMENTS[name]
    guarded = with_public_allow(filled(name), placement[4])
    assert findings_for(guarded, placement) == []


@pytest.mark.parametrize("name", sorted(PLACEMENTS))
def test_reference_policy_guard_for_another_org_protects_nothing(name):
    placement = PLACEMENTS[name]
    text = json.dumps(with_public_allow(filled(name), placement[4])).replace(ORG, FOREIGN_ORG)
    findings = findings_for(json.loads(text), placement)
    assert findings and {f.verdict for f in findings} == {"fail"}
