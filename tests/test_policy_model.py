"""The IAM policy model: each test names the semantic rule it proves."""

import json

import pytest

from perimeter_checks.config import PerimeterConfig
from perimeter_checks.policy.analysis import (
    FAIL,
    WARN,
    classify_principal,
    external_principals,
    guard_problem,
    service_principal_source,
    trust_external_principals,
    trust_federated_principals,
)
from perimeter_checks.policy.cloudformation import resolve_intrinsics
from perimeter_checks.policy.conditions import parse_operator
from perimeter_checks.policy.document import (
    Principal,
    PolicyUnresolved,
    parse_policy,
    policy_from_document_blocks,
)
from perimeter_checks.policy.values import Unresolved

ORG = "o-a1b2c3d4e5"
FOREIGN_ORG = "o-zzzzzzzzzz"
OWN = "111111111111"
TRUSTED = "999999999999"
FOREIGN = "444455556666"
CONFIG = PerimeterConfig(
    org_ids=(ORG,),
    org_paths=(f"{ORG}/r-ab12/ou-ab12-11111111/",),
    account_ids=(OWN,),
    trusted_accounts=(TRUSTED,),
)
NO_CONFIG = PerimeterConfig()


def allow(principal="*", condition=None, action="s3:GetObject", **extra):
    statement = {"Effect": "Allow", "Principal": principal, "Action": action, "Resource": "*", **extra}
    if condition is not None:
        statement["Condition"] = condition
    return statement


def verdicts(predicate, statements, config=CONFIG):
    document = parse_policy({"Version": "2012-10-17", "Statement": statements})
    return [issue.verdict for issue in predicate(document, config)]


def resource_verdicts(statements, config=CONFIG):
    return verdicts(external_principals, statements, config)


ORG_GUARD = {"StringEquals": {"aws:PrincipalOrgID": ORG}}
DENY_GUARD = {
    "Effect": "Deny",
    "Principal": "*",
    "Action": "s3:*",
    "Resource": "*",
    "Condition": {
        "StringNotEqualsIfExists": {"aws:PrincipalOrgID": ORG},
        "BoolIfExists": {"aws:PrincipalIsAWSService": "false"},
    },
}


# ---------------------------------------------------------------- document forms

def test_statement_object_and_list_are_equivalent():
    single = parse_policy({"Statement": allow()})
    listed = parse_policy({"Statement": [allow()]})
    assert single.statements == listed.statements


def test_policy_text_json_is_decoded():
    assert parse_policy(json.dumps({"Statement": [allow()]})).statements[0].is_allow


def test_invalid_json_text_is_unresolved_not_a_pass():
    with pytest.raises(PolicyUnresolved):
        parse_policy('{"Statement": [')


def test_terraform_expression_policy_is_unresolved():
    with pytest.raises(PolicyUnresolved):
        parse_policy("data.aws_iam_policy_document.other.json")
    with pytest.raises(PolicyUnresolved):
        parse_policy("${templatefile(\"p.json\", {})}")


def test_checkov_rendering_of_partly_unknown_jsonencode_is_read():
    rendered = "${jsonencode({'Statement': [{'Effect': 'Allow', 'Principal': '*', 'Action': 's3:*'}]})}"
    document = parse_policy(rendered)
    assert external_principals(document, CONFIG)[0].verdict == FAIL


def test_statement_built_by_for_expression_is_unresolved():
    with pytest.raises(PolicyUnresolved):
        parse_policy({"Statement": "${[for s in local.statements : s]}"})


def test_keys_of_the_document_are_case_insensitive():
    document = parse_policy({"statement": [{"effect": "Allow", "principal": "*", "action": "s3:*"}]})
    assert external_principals(document, CONFIG)[0].verdict == FAIL


def test_policy_document_blocks_become_statements():
    blocks = [
        {
            "effect": "Allow",
            "actions": ["s3:GetObject"],
            "principals": [{"type": "AWS", "identifiers": ["*"]}],
            "condition": [{"test": "StringEquals", "variable": "aws:PrincipalOrgID", "values": [ORG]}],
        }
    ]
    assert external_principals(policy_from_document_blocks(blocks), CONFIG) == []
    blocks[0]["condition"] = []
    assert [i.verdict for i in external_principals(policy_from_document_blocks(blocks), CONFIG)] == [FAIL]


def test_policy_document_star_principal_type_is_public():
    blocks = [{"actions": ["s3:*"], "principals": [{"type": "*", "identifiers": ["*"]}]}]
    assert [i.verdict for i in external_principals(policy_from_document_blocks(blocks), CONFIG)] == [FAIL]


# ---------------------------------------------------------------- principals

@pytest.mark.parametrize(
    "principal, expected",
    [
        (Principal("*", "*"), "public"),
        (Principal("AWS", "*"), "public"),
        (Principal("AWS", OWN), "own"),
        (Principal("AWS", f"arn:aws:iam::{OWN}:root"), "own"),
        (Principal("AWS", f"arn:aws:iam::{OWN}:role/x"), "own"),
        (Principal("AWS", f"arn:aws:sts::{FOREIGN}:assumed-role/x/y"), "foreign"),
        (Principal("AWS", TRUSTED), "trusted"),
        (Principal("AWS", FOREIGN), "foreign"),
        (Principal("AWS", "arn:aws:iam::${AWS::AccountId}:root"), "own"),
        (Principal("AWS", "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"), "own"),
        (Principal("AWS", "data.aws_caller_identity.current.account_id"), "own"),
        (Principal("AWS", "${var.account}"), "unresolved"),
        (Principal("AWS", "var.account"), "unresolved"),
        (Principal("AWS", Unresolved("Fn::If")), "unresolved"),
        (Principal("Service", "s3.amazonaws.com"), "service"),
        (Principal("Service", "*"), "public"),
        (Principal("Federated", "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"), "federated"),
        (Principal("CanonicalUser", "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"), "canonical"),
    ],
)
def test_principal_forms_are_classified(principal, expected):
    assert classify_principal(principal, CONFIG) == expected


def test_without_config_an_account_cannot_be_called_foreign():
    assert classify_principal(Principal("AWS", FOREIGN), NO_CONFIG) == "unverified"


def test_principal_list_mixing_own_account_and_star_is_public():
    assert resource_verdicts([allow({"AWS": [f"arn:aws:iam::{OWN}:root", "*"]})]) == [FAIL]


def test_own_and_trusted_accounts_and_services_need_no_condition():
    assert resource_verdicts([allow({"AWS": [OWN, TRUSTED]})]) == []
    assert resource_verdicts([allow({"Service": "delivery.logs.amazonaws.com"})]) == []


def test_foreign_account_principal_fails_with_config_and_warns_without():
    assert resource_verdicts([allow({"AWS": FOREIGN})]) == [FAIL]
    assert resource_verdicts([allow({"AWS": FOREIGN})], NO_CONFIG) == [WARN]


def test_foreign_account_principal_restricted_to_your_org_passes():
    assert resource_verdicts([allow({"AWS": FOREIGN}, ORG_GUARD)]) == []


def test_unresolved_principal_is_a_warning():
    assert resource_verdicts([allow({"AWS": "${var.reader}"})]) == [WARN]


def test_integer_account_from_yaml_is_padded():
    assert resource_verdicts([allow({"AWS": int(OWN)})]) == []


def test_allow_with_not_principal_grants_everyone_else():
    statement = allow()
    del statement["Principal"]
    statement["NotPrincipal"] = {"AWS": f"arn:aws:iam::{OWN}:root"}
    assert resource_verdicts([statement]) == [FAIL]


def test_deny_statements_grant_nothing():
    assert resource_verdicts([{"Effect": "Deny", "Principal": "*", "Action": "s3:*"}]) == []


# ---------------------------------------------------------------- conditions

def test_org_condition_restricts_public_principal():
    assert resource_verdicts([allow("*", ORG_GUARD)]) == []


def test_operators_and_keys_are_case_insensitive():
    assert resource_verdicts([allow("*", {"stringequals": {"AWS:principalorgid": ORG}})]) == []
    assert resource_verdicts([allow("*", {"STRINGLIKE": {"aws:PrincipalOrgId": ORG}})]) == []


def test_operator_parsing_splits_qualifier_and_if_exists():
    assert parse_operator("ForAnyValue:StringLikeIfExists") == ("stringlike", "foranyvalue", True)
    assert parse_operator("stringnotequals") == ("stringnotequals", "", False)


def test_if_exists_on_identity_key_in_allow_lets_anonymous_callers_through():
    assert resource_verdicts([allow("*", {"StringEqualsIfExists": {"aws:PrincipalOrgID": ORG}})]) == [FAIL]


def test_negated_operator_in_allow_does_not_restrict():
    assert resource_verdicts([allow("*", {"StringNotEquals": {"aws:PrincipalOrgID": FOREIGN_ORG}})]) == [FAIL]


def test_for_all_values_on_single_valued_key_is_vacuous():
    assert resource_verdicts([allow("*", {"ForAllValues:StringEquals": {"aws:PrincipalOrgID": ORG}})]) == [FAIL]


def test_for_any_value_on_org_paths_restricts():
    condition = {"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": f"{ORG}/r-ab12/ou-ab12-11111111/*"}}
    assert resource_verdicts([allow("*", condition)]) == []


def test_wildcard_org_id_restricts_nothing():
    assert resource_verdicts([allow("*", {"StringLike": {"aws:PrincipalOrgID": "o-*"}})]) == [FAIL]
    assert resource_verdicts([allow("*", {"StringLike": {"aws:PrincipalOrgID": "o-*"}})], NO_CONFIG) == [FAIL]


def test_foreign_org_id_fails_with_config_and_passes_presence_check_without():
    condition = {"StringEquals": {"aws:PrincipalOrgID": FOREIGN_ORG}}
    assert resource_verdicts([allow("*", condition)]) == [FAIL]
    assert resource_verdicts([allow("*", condition)], NO_CONFIG) == []


def test_one_foreign_value_among_yours_lets_that_org_in():
    condition = {"StringEquals": {"aws:PrincipalOrgID": [ORG, FOREIGN_ORG]}}
    assert resource_verdicts([allow("*", condition)]) == [FAIL]


def test_org_paths_inside_and_outside_the_configured_path():
    inside = {"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": f"{ORG}/r-ab12/ou-ab12-11111111/ou-ab12-22222222/*"}}
    outside = {"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": f"{ORG}/r-ab12/ou-ab12-99999999/*"}}
    assert resource_verdicts([allow("*", inside)]) == []
    assert resource_verdicts([allow("*", outside)]) == [FAIL]


def test_principal_account_and_kms_caller_account_of_yours_restrict():
    assert resource_verdicts([allow("*", {"StringEquals": {"aws:PrincipalAccount": OWN}})]) == []
    assert resource_verdicts([allow("*", {"StringEquals": {"kms:CallerAccount": OWN}})]) == []
    assert resource_verdicts([allow("*", {"StringEquals": {"aws:PrincipalAccount": FOREIGN}})]) == [FAIL]


def test_unresolved_org_value_warns_with_config_and_passes_presence_without():
    condition = {"StringEquals": {"aws:PrincipalOrgID": "${var.org_id}"}}
    assert resource_verdicts([allow("*", condition)]) == [WARN]
    assert resource_verdicts([allow("*", condition)], NO_CONFIG) == []


def test_network_only_condition_cannot_prove_the_identity_perimeter():
    condition = {"StringEquals": {"aws:SourceVpce": "vpce-0a1b2c3d4e5f60001"}}
    assert resource_verdicts([allow("*", condition)]) == [WARN]


def test_source_account_limits_public_principal_to_services_acting_for_you():
    assert resource_verdicts([allow("*", {"StringEquals": {"aws:SourceAccount": OWN}})]) == []


def test_empty_condition_value_list_restricts_nothing():
    assert resource_verdicts([allow("*", {"StringEquals": {"aws:PrincipalOrgID": []}})]) == [FAIL]


# ---------------------------------------------------------------- deny guards

def test_deny_guard_protects_the_whole_policy():
    assert resource_verdicts([allow("*"), DENY_GUARD]) == []


def test_deny_guard_must_cover_the_allowed_actions():
    assert resource_verdicts([allow("*", action="sqs:SendMessage"), DENY_GUARD]) == [FAIL]


def test_deny_guard_with_foreign_org_protects_nothing():
    guard = json.loads(json.dumps(DENY_GUARD))
    guard["Condition"]["StringNotEqualsIfExists"]["aws:PrincipalOrgID"] = FOREIGN_ORG
    assert resource_verdicts([allow("*"), guard]) == [FAIL]


def test_deny_guard_narrowed_by_a_caller_controlled_condition_is_no_guard():
    guard = json.loads(json.dumps(DENY_GUARD))
    guard["Condition"]["StringEquals"] = {"aws:PrincipalTag/team": "x"}
    assert guard_problem(parse_policy({"Statement": [guard]}).statements[0], CONFIG)
    assert resource_verdicts([allow("*"), guard]) == [FAIL]


def test_deny_guard_exempting_a_foreign_account_is_no_guard():
    guard = json.loads(json.dumps(DENY_GUARD))
    guard["Condition"]["StringNotEqualsIfExists"]["aws:PrincipalAccount"] = [FOREIGN]
    assert resource_verdicts([allow("*"), guard]) == [FAIL]
    guard["Condition"]["StringNotEqualsIfExists"]["aws:PrincipalAccount"] = [TRUSTED]
    assert resource_verdicts([allow("*"), guard]) == []


# ---------------------------------------------------------------- service principals

def test_service_principal_needs_a_source_condition():
    assert verdicts(service_principal_source, [allow({"Service": "sns.amazonaws.com"})]) == [FAIL]
    with_source = allow({"Service": "sns.amazonaws.com"}, {"ArnLike": {"aws:SourceArn": f"arn:aws:sns:eu-west-1:{OWN}:t"}})
    assert verdicts(service_principal_source, [with_source]) == []
    with_org = allow({"Service": "sns.amazonaws.com"}, {"StringEquals": {"aws:SourceOrgID": ORG}})
    assert verdicts(service_principal_source, [with_org]) == []


def test_service_principal_source_in_a_foreign_account_fails():
    foreign = allow({"Service": "sns.amazonaws.com"}, {"StringEquals": {"aws:SourceAccount": FOREIGN}})
    assert verdicts(service_principal_source, [foreign]) == [FAIL]


# ---------------------------------------------------------------- trust policies

def trust(principal, condition=None, action="sts:AssumeRole"):
    return allow(principal, condition, action=action)


def test_trust_service_principal_and_own_account_pass():
    assert verdicts(trust_external_principals, [trust({"Service": "ec2.amazonaws.com"})]) == []
    assert verdicts(trust_external_principals, [trust({"AWS": f"arn:aws:iam::{OWN}:root"})]) == []


def test_trust_trusted_account_needs_external_id():
    assert verdicts(trust_external_principals, [trust({"AWS": TRUSTED})]) == [FAIL]
    with_id = trust({"AWS": TRUSTED}, {"StringEquals": {"sts:ExternalId": "abc-123"}})
    assert verdicts(trust_external_principals, [with_id]) == []


def test_trust_foreign_account_with_external_id_is_still_outside():
    with_id = trust({"AWS": FOREIGN}, {"StringEquals": {"sts:ExternalId": "abc-123"}})
    assert verdicts(trust_external_principals, [with_id]) == [FAIL]


def test_trust_public_principal_restricted_to_org_passes():
    assert verdicts(trust_external_principals, [trust("*", ORG_GUARD)]) == []
    assert verdicts(trust_external_principals, [trust("*")]) == [FAIL]


def test_trust_external_id_if_exists_is_not_enough():
    weak = trust({"AWS": TRUSTED}, {"StringEqualsIfExists": {"sts:ExternalId": "abc"}})
    assert verdicts(trust_external_principals, [weak]) == [FAIL]


def test_trust_unlisted_account_without_config_warns():
    assert verdicts(trust_external_principals, [trust({"AWS": FOREIGN})], NO_CONFIG) == [WARN]


GITHUB = f"arn:aws:iam::{OWN}:oidc-provider/token.actions.githubusercontent.com"


def test_github_oidc_with_audience_and_repository_subject_passes():
    condition = {
        "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
        "StringLike": {"token.actions.githubusercontent.com:sub": "repo:my-org/my-repo:*"},
    }
    statement = trust({"Federated": GITHUB}, condition, "sts:AssumeRoleWithWebIdentity")
    assert verdicts(trust_federated_principals, [statement]) == []


@pytest.mark.parametrize("sub", [None, "*", "repo:*", "repo:*/my-repo:*"])
def test_github_oidc_without_a_pinned_subject_fails(sub):
    condition = {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}
    if sub:
        condition["StringLike"] = {"token.actions.githubusercontent.com:sub": sub}
    statement = trust({"Federated": GITHUB}, condition, "sts:AssumeRoleWithWebIdentity")
    assert verdicts(trust_federated_principals, [statement]) == [FAIL]


def test_oidc_subject_under_if_exists_is_not_pinned():
    condition = {
        "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
        "StringLikeIfExists": {"token.actions.githubusercontent.com:sub": "repo:my-org/*"},
    }
    statement = trust({"Federated": GITHUB}, condition, "sts:AssumeRoleWithWebIdentity")
    assert verdicts(trust_federated_principals, [statement]) == [FAIL]


def test_saml_federation_is_not_an_oidc_finding():
    statement = trust({"Federated": f"arn:aws:iam::{OWN}:saml-provider/corp"}, None, "sts:AssumeRoleWithSAML")
    assert verdicts(trust_federated_principals, [statement]) == []


# ---------------------------------------------------------------- CloudFormation intrinsics

def test_cloudformation_ref_to_parameter_default_and_account_id():
    parameters = {"OrgId": {"Type": "String", "Default": ORG}, "NoDefault": {"Type": "String"}}
    value = {
        "Org": {"Ref": "OrgId"},
        "Account": {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:root"},
        "Joined": {"Fn::Join": ["", ["arn:aws:iam::", {"Ref": "AWS::AccountId"}, ":root"]]},
        "Unknown": {"Ref": "NoDefault"},
        "Attr": {"Fn::GetAtt": ["Role", "Arn"]},
        "Cond": {"Fn::If": ["IsProd", "a", "b"]},
        "__startline__": 3,
    }
    resolved = resolve_intrinsics(value, parameters)
    assert resolved["Org"] == ORG
    assert resolved["Account"] == "arn:aws:iam::${AWS::AccountId}:root"
    assert resolved["Joined"] == "arn:aws:iam::${AWS::AccountId}:root"
    assert resolved["Unknown"] == "${NoDefault}"
    assert resolved["Attr"] == "${AWS::StackResource:Role.Arn}"
    assert isinstance(resolved["Cond"], Unresolved)
    assert "__startline__" not in resolved


def test_cloudformation_no_value_drops_the_entry():
    assert resolve_intrinsics({"A": {"Ref": "AWS::NoValue"}, "B": 1}) == {"B": 1}


def test_own_account_token_in_a_condition_value_is_yours():
    for value in ("${AWS::AccountId}", "data.aws_caller_identity.current.account_id",
                  "${data.aws_caller_identity.current.account_id}"):
        assert resource_verdicts([allow("*", {"StringEquals": {"kms:CallerAccount": value}})]) == []
    source_arn = {"ArnLike": {"aws:SourceArn": "arn:aws:sns:eu-west-1:${AWS::AccountId}:topic"}}
    assert verdicts(service_principal_source, [allow({"Service": "sns.amazonaws.com"}, source_arn)]) == []


def test_source_arn_of_a_resource_this_stack_creates_is_yours():
    for reference in ("aws_sns_topic.events.arn", "${aws_sns_topic.events.arn}", "${AWS::StackResource:Topic}"):
        condition = {"ArnEquals": {"aws:SourceArn": reference}}
        assert verdicts(service_principal_source, [allow({"Service": "sns.amazonaws.com"}, condition)]) == []
    data_source = {"ArnEquals": {"aws:SourceArn": "data.aws_sns_topic.shared.arn"}}
    assert verdicts(service_principal_source, [allow({"Service": "sns.amazonaws.com"}, data_source)]) == [WARN]


def test_cloudformation_ref_to_a_template_resource_is_a_stack_resource():
    resolved = resolve_intrinsics({"A": {"Ref": "Topic"}, "B": {"Fn::Sub": "${Topic.Arn}"}}, {}, {"Topic"})
    assert resolved == {"A": "${AWS::StackResource:Topic}", "B": "${AWS::StackResource:Topic.Arn}"}


def test_account_condition_value_that_names_no_account_restricts_nothing():
    condition = {"StringEquals": {"aws:PrincipalAccount": "abc"}}
    assert resource_verdicts([allow("*", condition)], NO_CONFIG) == [FAIL]
    assert classify_principal(Principal("AWS", "abc"), CONFIG) == "unresolved"


def test_oidc_claim_check_does_not_depend_on_clause_order():
    key = "token.actions.githubusercontent.com:sub"
    for first, second in (("StringLike", "StringEquals"), ("StringEquals", "StringLike")):
        condition = {
            "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
            first: {key: "${var.subject}"},
        }
        condition.setdefault(second, {})[key] = "*"
        statement = trust({"Federated": GITHUB}, condition, "sts:AssumeRoleWithWebIdentity")
        assert verdicts(trust_federated_principals, [statement]) == [FAIL]


def test_normalized_document_serializes_to_equivalent_json():
    statements = [
        allow({"AWS": [OWN, "*"]}, {"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": [f"{ORG}/r-ab12/*"]}}),
        {**allow({"Service": "sns.amazonaws.com"}), "NotResource": ["arn:aws:s3:::x"]},
        DENY_GUARD,
    ]
    original = parse_policy({"Statement": statements})
    assert parse_policy(original.as_json()).statements == original.statements


def test_terraform_expressions_rendered_as_source_text_are_expressions():
    from perimeter_checks.policy.values import is_expression

    for text in ('try(each.value.principal,format("%s.amazonaws.com",try(each.value.service,"")))',
                 "local.enabled ? var.account : null", "each.value.principal", "${var.x}"):
        assert is_expression(text), text
    for text in ("s3.amazonaws.com", "arn:aws:s3:::my-var.bucket/*", "o-a1b2c3d4e5", "*"):
        assert not is_expression(text), text
