"""Mutation testing: every engine catches every perimeter-breaking change to a good policy.

Known-good policies (AWS's resource-policy templates with a public Allow they guard,
org-restricted resource policies, trust policies for a trusted third party, an OIDC
provider and an org) are written as Terraform heredocs, plan JSON and CloudFormation
YAML/JSON. Each breaking mutation must make every engine (python, Rego, Checkov) fail
the resource; each equivalent rewrite must leave every verdict unchanged. The kill
rate is printed; any survivor fails the run.
"""

import copy
import json
import re
from pathlib import Path

import pytest
import yaml

from perimeter_checks.config import PerimeterConfig, parse_config
from perimeter_checks.engines import run_checkov
from perimeter_checks.scan import finding_record, scan

ORG, FOREIGN_ORG = "o-a1b2c3d4e5", "o-zzzzzzzzzz"
OWN, TRUSTED, FOREIGN = "111111111111", "999999999999", "444455556666"
PATH = f"{ORG}/r-ab12/ou-ab12-11111111/"
CONFIG_BODY = {"perimeter": {"org_ids": [ORG], "org_paths": [PATH], "account_ids": [OWN], "trusted_accounts": [TRUSTED]}}
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "data" / "aws-data-perimeter-examples" / "resource_based_policies_2022"
GITHUB = f"arn:aws:iam::{OWN}:oidc-provider/token.actions.githubusercontent.com"

# (Terraform type, attribute, CloudFormation type, property) per kind of policy
PLACES = {
    "bucket": ("aws_s3_bucket_policy", "policy", "AWS::S3::BucketPolicy", "PolicyDocument"),
    "queue": ("aws_sqs_queue_policy", "policy", "AWS::SQS::QueuePolicy", "PolicyDocument"),
    "key": ("aws_kms_key", "policy", "AWS::KMS::Key", "KeyPolicy"),
    "trust": ("aws_iam_role", "assume_role_policy", "AWS::IAM::Role", "AssumeRolePolicyDocument"),
}


def doc(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(principal, action, condition=None):
    statement = {"Effect": "Allow", "Principal": principal, "Action": action, "Resource": "*"}
    if condition:
        statement["Condition"] = condition
    return statement


def reference(name, action):
    text = (REFERENCE / name).read_text()
    for placeholder, value in {"<my-org-id>": ORG, "<my-account-id>": OWN, "<third-party-account-a>": TRUSTED,
                               "<third-party-account-b>": TRUSTED, "<load-balancing-account-id>": TRUSTED,
                               "<my-corporate-cidr>": "203.0.113.0/24", "<my-vpc>": "vpc-0a1b2c3d",
                               "<my-data-bucket>": "data-bucket"}.items():
        text = text.replace(placeholder, value)
    policy = json.loads(text)
    policy["Statement"].append(allow({"AWS": "*"}, action))
    return policy


def bases():
    found = {
        "bucket_org": ("bucket", doc(allow("*", "s3:GetObject", {"StringEquals": {"aws:PrincipalOrgID": ORG}}))),
        "queue_paths": ("queue", doc(allow({"AWS": "*"}, "sqs:SendMessage",
                                           {"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": PATH + "*"}}))),
        "key_own": ("key", doc(allow({"AWS": f"arn:aws:iam::{OWN}:root"}, "kms:*"))),
        "trust_partner": ("trust", doc(allow({"AWS": f"arn:aws:iam::{TRUSTED}:root"}, "sts:AssumeRole",
                                             {"StringEquals": {"sts:ExternalId": "partner-7"}}))),
        "trust_org": ("trust", doc(allow({"AWS": "*"}, "sts:AssumeRole", {"StringEquals": {"aws:PrincipalOrgID": ORG}}))),
        "trust_github": ("trust", doc(allow({"Federated": GITHUB}, "sts:AssumeRoleWithWebIdentity", {
            "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
            "StringLike": {"token.actions.githubusercontent.com:sub": "repo:my-org/app:*"}}))),
    }
    if REFERENCE.is_dir():
        found["aws_s3_template"] = ("bucket", reference("s3_bucket_policy.json", "s3:GetObject"))
        found["aws_sqs_template"] = ("queue", reference("sqs_queue_policy.json", "sqs:SendMessage"))
        found["aws_kms_template"] = ("key", reference("kms_key_policy.json", "kms:Decrypt"))
        found["aws_trust_template"] = ("trust", reference("iam_role_trust_policy.json", "sts:AssumeRole"))
    return found


# ---------------------------------------------------------------- mutations

def _replace_text(policy, old, new):
    text = json.dumps(policy)
    return json.loads(text.replace(old, new)) if old in text else None


def _allows(policy):
    return [s for s in policy["Statement"] if s.get("Effect") == "Allow"]


def drop_org_condition(policy):
    changed = copy.deepcopy(policy)
    hit = False
    for statement in changed["Statement"]:
        for body in (statement.get("Condition") or {}).values():
            for key in [k for k in body if k.lower() in ("aws:principalorgid", "aws:principalorgpaths")]:
                del body[key]
                hit = True
    return changed if hit else None


def _operator_swap(policy, new_operator):
    changed = copy.deepcopy(policy)
    hit = False
    for statement in _allows(changed):
        condition = statement.get("Condition") or {}
        for operator in list(condition):
            if operator in ("StringEquals", "ForAnyValue:StringLike") and any(
                    k in ("aws:PrincipalOrgID", "aws:PrincipalOrgPaths") for k in condition[operator]):
                condition[new_operator(operator)] = condition.pop(operator)
                hit = True
    return changed if hit else None


def allow_if_exists(policy):
    return _operator_swap(policy, lambda op: op + "IfExists")


def allow_negated(policy):
    return _operator_swap(policy, lambda op: op.replace("StringEquals", "StringNotEquals").replace("StringLike", "StringNotLike"))


def foreign_org(policy):
    return _replace_text(policy, ORG, FOREIGN_ORG)


def foreign_path(policy):
    return _replace_text(policy, "ou-ab12-11111111", "ou-ab12-99999999")


def wildcard_org(policy):
    return _replace_text(policy, f'"{ORG}"', '"o-*"') or _replace_text(policy, f"{ORG}/", "o-*/")


def foreign_account(policy):
    """Your account -> a foreign one, where it names who is trusted (not the role's own OIDC provider)."""
    aws_principals = [s.get("Principal", {}).get("AWS") for s in _allows(policy) if isinstance(s.get("Principal"), dict)]
    return _replace_text(policy, OWN, FOREIGN) if OWN in json.dumps(aws_principals) else None


def _unguarded(policy) -> bool:
    """Principal mutations only break a policy whose Allow is not already kept in by a Deny guard."""
    return not any(s.get("Effect") == "Deny" for s in policy["Statement"])


def add_star_principal(policy):
    if not _unguarded(policy):
        return None
    changed = copy.deepcopy(policy)
    for statement in _allows(changed):
        if statement.get("Condition") is None and isinstance(statement.get("Principal"), dict) and "AWS" in statement["Principal"]:
            statement["Principal"]["AWS"] = [statement["Principal"]["AWS"], "*"]
            return changed
    return None


def add_foreign_principal(policy):
    if not _unguarded(policy):
        return None
    changed = copy.deepcopy(policy)
    for statement in _allows(changed):
        if not any("principalorg" in json.dumps(statement.get("Condition", {})).lower() for _ in [0]) and \
                isinstance(statement.get("Principal"), dict) and "AWS" in statement["Principal"]:
            statement["Principal"]["AWS"] = [statement["Principal"]["AWS"], f"arn:aws:iam::{FOREIGN}:root"]
            return changed
    return None


def not_principal(policy):
    if not _unguarded(policy):
        return None
    changed = copy.deepcopy(policy)
    for statement in _allows(changed):
        if isinstance(statement.get("Principal"), dict) and "AWS" in statement["Principal"] and "Condition" not in statement:
            statement["NotPrincipal"] = statement.pop("Principal")
            return changed
    return None


def drop_external_id(policy):
    changed = copy.deepcopy(policy)
    for statement in _allows(changed):
        condition = statement.get("Condition") or {}
        for body in condition.values():
            if "sts:ExternalId" in body:
                del body["sts:ExternalId"]
                return changed
    return None


def drop_oidc_sub(policy):
    changed = copy.deepcopy(policy)
    for statement in _allows(changed):
        for body in (statement.get("Condition") or {}).values():
            if "token.actions.githubusercontent.com:sub" in body:
                del body["token.actions.githubusercontent.com:sub"]
                return changed
    return None


def remove_deny_guards(policy):
    kept = [s for s in policy["Statement"] if s.get("Effect") != "Deny"]
    return {**policy, "Statement": kept} if len(kept) < len(policy["Statement"]) else None


MUTATIONS = [drop_org_condition, allow_if_exists, allow_negated, foreign_org, foreign_path, wildcard_org,
             foreign_account, add_star_principal, add_foreign_principal, not_principal, drop_external_id,
             drop_oidc_sub, remove_deny_guards]


# ---------------------------------------------------------------- equivalent rewrites

def reverse_statements(policy):
    return {**policy, "Statement": list(reversed(policy["Statement"]))}


def change_case(policy):
    text = json.dumps(policy)
    for word in ("StringEquals", "StringLike", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "sts:ExternalId",
                 "aws:PrincipalIsAWSService", "BoolIfExists"):
        text = text.replace(f'"{word}', f'"{word.lower()}')
    return json.loads(text)


def listify_values(policy):
    def walk(value):
        if isinstance(value, dict):
            # "Principal": "*" has no list form; every other single value does.
            return {k: [v] if isinstance(v, str) and k not in ("Effect", "Version", "Sid", "Principal", "NotPrincipal")
                    else walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value
    return {**policy, "Statement": [walk(s) for s in policy["Statement"]]}


def single_statement_object(policy):
    return {**policy, "Statement": policy["Statement"][0]} if len(policy["Statement"]) == 1 else None


REWRITES = [reverse_statements, change_case, listify_values, single_statement_object]


# ---------------------------------------------------------------- placing and scanning

def cases():
    """name -> (place, policy, expected verdict: "pass" or "fail")."""
    found = {}
    for base_name, (place, policy) in bases().items():
        found[f"{base_name}__base"] = (place, policy, "pass")
        for mutation in MUTATIONS:
            mutated = mutation(policy)
            if mutated is not None and mutated != policy:
                found[f"{base_name}__{mutation.__name__}"] = (place, mutated, "fail")
        for rewrite in REWRITES:
            rewritten = rewrite(policy)
            if rewritten is not None:
                found[f"{base_name}__same_{rewrite.__name__}"] = (place, rewritten, "pass")
    return found


def write_inputs(root: Path, table: dict) -> None:
    (root / "tf").mkdir()
    (root / "cfn").mkdir()
    (root / "plan").mkdir()
    tf, resources, planned = [], {}, []
    for name, (place, policy, _) in table.items():
        tf_type, tf_attr, cfn_type, cfn_prop = PLACES[place]
        text = json.dumps(policy, indent=2)
        tf.append(f'resource "{tf_type}" "{name}" {{\n  {tf_attr} = <<POLICY\n{text}\nPOLICY\n}}\n')
        resources[re.sub(r"[^A-Za-z0-9]", "", name.title())] = {"Type": cfn_type, "Properties": {cfn_prop: policy}}
        planned.append({"address": f"{tf_type}.{name}", "mode": "managed", "type": tf_type, "name": name,
                        "values": {tf_attr: json.dumps(policy)}})
    (root / "tf" / "main.tf").write_text("\n".join(tf))
    (root / "cfn" / "template.yaml").write_text(yaml.safe_dump({"Resources": resources}, sort_keys=False))
    (root / "cfn" / "template.json").write_text(json.dumps({"Resources": resources}, indent=1))
    (root / "plan" / "plan.json").write_text(json.dumps({
        "format_version": "1.2", "terraform_version": "1.11.0",
        "planned_values": {"root_module": {"resources": planned}},
        "resource_changes": [{"address": r["address"], "mode": "managed", "type": r["type"], "name": r["name"],
                              "change": {"actions": ["create"], "before": None, "after": r["values"],
                                         "after_unknown": {}}}
                             for r in planned]}))


def case_of(record) -> str:
    """The case name a finding belongs to (resource name, or CFN logical ID back to case)."""
    return record["resource"].rsplit(".", 1)[-1]


@pytest.fixture(scope="module")
def outcome(tmp_path_factory):
    table = cases()
    root = tmp_path_factory.mktemp("mutants")
    write_inputs(root, table)
    config_file = root / "perimeter.yaml"
    config_file.write_text(yaml.safe_dump(CONFIG_BODY))
    config = parse_config(CONFIG_BODY)
    logical = {re.sub(r"[^A-Za-z0-9]", "", name.title()): name for name in table}
    per_engine = {}
    for engine in ("python", "rego"):
        result = scan([str(root)], config, engine=engine)
        per_engine[engine] = [finding_record(*entry) for entry in result.findings]
    per_engine["checkov"], _ = run_checkov([str(root)], str(config_file))
    verdicts = {}
    for engine, records in per_engine.items():
        for record in records:
            if record["suppressed"] or record["verdict"] != "fail":
                continue
            name = case_of(record)
            fmt = "cloudformation" if record["framework"] == "cloudformation" else (
                "plan" if record["file"].endswith(".json") else "terraform")
            if record["framework"] == "cloudformation":
                fmt += "-json" if record["file"].endswith(".json") else "-yaml"
            verdicts.setdefault((engine, fmt), set()).add(logical.get(name, name))
    return table, verdicts


FORMATS = ["terraform", "plan", "cloudformation-yaml", "cloudformation-json"]


@pytest.mark.parametrize("engine", ["python", "rego", "checkov"])
def test_every_breaking_mutation_is_caught_and_every_rewrite_passes(outcome, engine):
    table, verdicts = outcome
    mutants = [name for name, case in table.items() if case[2] == "fail"]
    survivors, false_alarms = [], []
    for fmt in FORMATS:
        failed = verdicts.get((engine, fmt), set())
        survivors += [f"{fmt}:{name}" for name in mutants if name not in failed]
        false_alarms += [f"{fmt}:{name}" for name, case in table.items() if case[2] == "pass" and name in failed]
    killed = len(mutants) * len(FORMATS) - len(survivors)
    print(f"\n{engine}: killed {killed}/{len(mutants) * len(FORMATS)} mutants "
          f"({len(mutants)} mutants x {len(FORMATS)} input forms)")
    assert len(mutants) >= 30
    assert not survivors, f"surviving mutants: {survivors}"
    assert not false_alarms, f"equivalent rewrites or bases that failed: {false_alarms}"
