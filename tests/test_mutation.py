"""Mutation testing: every engine catches every perimeter-breaking change to a good resource.

Four families of known-good resources, each written as Terraform, plan JSON and
CloudFormation YAML/JSON where it exists in that framework:

- resource policies: AWS's resource-policy templates with a public Allow they guard,
  org-restricted resource policies, trust policies for a trusted third party, an OIDC
  provider and an org (M3/M8);
- organization policies: AWS's reference SCPs and RCPs plus a region guard, together a
  complete perimeter, in aws_organizations_policy / AWS::Organizations::Policy (M1/M2/M3/M6);
- VPC endpoint policies: AWS's reference endpoint policies on aws_vpc_endpoint /
  AWS::EC2::VPCEndpoint (M4);
- public switches: the compliant attributes of every M5/M7 attribute rule's resource
  types (tests/network_cases.py), broken by turning one switch public.

Each breaking mutation must make every engine (python, Rego, Checkov) fail the
resource; each equivalent rewrite of a policy must leave every verdict unchanged. The
kill rate per engine and family is printed; any survivor fails the run.
"""

import copy
import json
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
import yaml

from perimeter_checks.catalog import load_catalog
from perimeter_checks.engines import run_checkov
from perimeter_checks.policy.organizations import IDENTITY_KEYS, NETWORK_KEYS, PERIMETER_KEYS
from perimeter_checks.scan import finding_record, scan

import aws_examples
from aws_examples import EXAMPLES, FOREIGN_ORG, ORG, filled, region_guard
from network_cases import cases_for

OWN, TRUSTED, FOREIGN = aws_examples.OWN_ACCOUNT, aws_examples.TRUSTED_ACCOUNTS[0], "444455556666"
PATH = f"{ORG}/r-ab12/ou-ab12-11111111/"
CONFIG = replace(aws_examples.CONFIG, org_paths=(PATH,))
GITHUB = f"arn:aws:iam::{OWN}:oidc-provider/token.actions.githubusercontent.com"

# kind of policy -> (Terraform type, attribute, CloudFormation type, property)
PLACES = {
    "bucket": ("aws_s3_bucket_policy", "policy", "AWS::S3::BucketPolicy", "PolicyDocument"),
    "queue": ("aws_sqs_queue_policy", "policy", "AWS::SQS::QueuePolicy", "PolicyDocument"),
    "key": ("aws_kms_key", "policy", "AWS::KMS::Key", "KeyPolicy"),
    "trust": ("aws_iam_role", "assume_role_policy", "AWS::IAM::Role", "AssumeRolePolicyDocument"),
    "endpoint": ("aws_vpc_endpoint", "policy", "AWS::EC2::VPCEndpoint", "PolicyDocument"),
    "scp": ("aws_organizations_policy", "content", "AWS::Organizations::Policy", "Content"),
    "rcp": ("aws_organizations_policy", "content", "AWS::Organizations::Policy", "Content"),
}
# kind of policy -> the other arguments its resource needs (Terraform, CloudFormation)
SETTINGS = {
    "endpoint": ({"service_name": "com.amazonaws.eu-west-1.s3", "vpc_id": aws_examples.OWN_VPC},
                 {"ServiceName": "com.amazonaws.eu-west-1.s3", "VpcId": aws_examples.OWN_VPC}),
    "scp": ({"name": "perimeter", "type": "SERVICE_CONTROL_POLICY"}, {"Name": "perimeter", "Type": "SERVICE_CONTROL_POLICY"}),
    "rcp": ({"name": "perimeter", "type": "RESOURCE_CONTROL_POLICY"}, {"Name": "perimeter", "Type": "RESOURCE_CONTROL_POLICY"}),
}


WITHOUT_POLICY = "without policy"  # a mutation's result that leaves the resource without its policy


@dataclass(frozen=True)
class Case:
    """One resource to scan: its family, the verdict every engine must give, its Terraform and CloudFormation forms."""

    family: str
    expected: str  # "pass" or "fail"
    terraform: tuple | None  # (type, attributes), written as HCL and plan JSON
    cloudformation: tuple | None  # (type, properties), written as YAML and JSON templates


def placed(family: str, expected: str, place: str, policy) -> Case:
    """The policy in its resource (WITHOUT_POLICY leaves the resource without one)."""
    tf_type, tf_attr, cfn_type, cfn_prop = PLACES[place]
    tf_settings, cfn_settings = SETTINGS.get(place, ({}, {}))
    tf_policy = {tf_attr: json.dumps(policy, indent=2)} if policy is not WITHOUT_POLICY else {}
    cfn_policy = {cfn_prop: policy} if policy is not WITHOUT_POLICY else {}
    return Case(family, expected, (tf_type, {**tf_settings, **tf_policy}), (cfn_type, {**cfn_settings, **cfn_policy}))


def doc(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(principal, action, condition=None):
    statement = {"Effect": "Allow", "Principal": principal, "Action": action, "Resource": "*"}
    if condition:
        statement["Condition"] = condition
    return statement


def guarded_template(name, action):
    """AWS's template with a public Allow that only its Deny guard keeps inside the organization."""
    policy = filled(f"resource_based_policies_2022/{name}")
    policy["Statement"].append(allow({"AWS": "*"}, action))
    return policy


def resource_policy_bases():
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
    if EXAMPLES.is_dir():
        found["aws_s3_template"] = ("bucket", guarded_template("s3_bucket_policy.json", "s3:GetObject"))
        found["aws_sqs_template"] = ("queue", guarded_template("sqs_queue_policy.json", "sqs:SendMessage"))
        found["aws_kms_template"] = ("key", guarded_template("kms_key_policy.json", "kms:Decrypt"))
        found["aws_trust_template"] = ("trust", guarded_template("iam_role_trust_policy.json", "sts:AssumeRole"))
    return found


def organization_policy_bases():
    """AWS's perimeter SCPs and RCPs and a region guard: together every control the completeness rules ask for."""
    if not EXAMPLES.is_dir():
        return {}
    found = {"region_guard": ("scp", region_guard())}
    for folder, place in (("service_control_policies", "scp"), ("resource_control_policies", "rcp")):
        for path in sorted((EXAMPLES / folder).glob("*.json")):
            found[f"{place}_{path.stem}"] = (place, filled(path))
    return found


# Three of AWS's ten endpoint policies: the default, S3's (AWS-owned buckets) and Lambda's (layers
# of a service account). The other seven repeat their statement shapes, and each endpoint policy
# resource costs the Rego engine about 0.1 s (rego/lib/analysis.rego matches every Resource
# against every AWS-owned ARN pattern), so the ten with their mutants and forms would add ~40 s.
ENDPOINT_POLICIES = ("default_endpoint_policy", "s3_endpoint_policy", "lambda_endpoint_policy")


def endpoint_policy_bases():
    if not EXAMPLES.is_dir():
        return {}
    return {f"endpoint_{name}": ("endpoint", filled(f"vpc_endpoint_policies/{name}.json")) for name in ENDPOINT_POLICIES}


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


def foreign_third_party(policy):
    """A trusted third-party account -> a foreign one, wherever the policy names it."""
    return _replace_text(policy, TRUSTED, FOREIGN)


RESOURCE_POLICY_MUTATIONS = [drop_org_condition, allow_if_exists, allow_negated, foreign_org, foreign_path, wildcard_org,
                             foreign_account, foreign_third_party, add_star_principal, add_foreign_principal,
                             not_principal, drop_external_id, drop_oidc_sub, remove_deny_guards]


# ---------------------------------------------------------------- organization policy mutations

def _denies(policy):
    return [s for s in policy["Statement"] if s.get("Effect") == "Deny"]


def _keys(statement) -> set:
    return {key.lower() for body in (statement.get("Condition") or {}).values() for key in body}


def _drop_service_exception(policy, key):
    """A perimeter Deny without its `BoolIfExists <key> = false` exception."""
    changed = copy.deepcopy(policy)
    hit = False
    for statement in _denies(changed):
        condition = statement.get("Condition") or {}
        if _keys(statement) & (IDENTITY_KEYS | NETWORK_KEYS) and key in condition.get("BoolIfExists", {}):
            del condition["BoolIfExists"][key]
            if not condition["BoolIfExists"]:
                del condition["BoolIfExists"]
            hit = True
    return changed if hit else None


def drop_via_aws_service(policy):
    return _drop_service_exception(policy, "aws:ViaAWSService")


def drop_principal_is_aws_service(policy):
    return _drop_service_exception(policy, "aws:PrincipalIsAWSService")


_NEGATED = {"StringNotEqualsIfExists": "StringEquals", "StringNotEquals": "StringEquals", "NotIpAddressIfExists": "IpAddress"}


def _move_perimeter_keys(policy, new_operator):
    """Perimeter keys of every Deny moved from their negated operator to new_operator(operator)."""
    changed = copy.deepcopy(policy)
    hit = False
    for statement in _denies(changed):
        condition = statement.get("Condition") or {}
        for operator in [o for o in list(condition) if o in _NEGATED]:
            moved = {k: v for k, v in condition[operator].items() if k.lower() in PERIMETER_KEYS}
            if not moved:
                continue
            condition[operator] = {k: v for k, v in condition[operator].items() if k not in moved}
            if not condition[operator]:
                del condition[operator]
            condition.setdefault(new_operator(operator), {}).update(moved)
            hit = True
    return changed if hit else None


def flip_deny_operator(policy):
    """StringNotEqualsIfExists -> StringEquals: the Deny hits your own values and lets every other through."""
    return _move_perimeter_keys(policy, _NEGATED.get)


def widen_deny_operator(policy):
    """-> ForAnyValue:StringNotEquals: the Deny no longer fires when the key is absent."""
    return _move_perimeter_keys(policy, lambda op: "ForAnyValue:" + op.replace("IfExists", ""))


def positive_if_exists(policy):
    """StringEquals -> StringEqualsIfExists in a Deny: the condition also matches requests without the key."""
    changed = copy.deepcopy(policy)
    hit = False
    for statement in _denies(changed):
        condition = statement.get("Condition") or {}
        if "StringEquals" in condition:
            condition["StringEqualsIfExists"] = condition.pop("StringEquals")
            hit = True
    return changed if hit else None


def deny_to_allow(policy):
    changed = copy.deepcopy(policy)
    hit = False
    for statement in _denies(changed):
        if _keys(statement) & PERIMETER_KEYS:
            statement["Effect"] = "Allow"
            hit = True
    return changed if hit else None


def drop_companion_statements(policy):
    """Without the confused-deputy Deny (aws:SourceOrgID) or the aws:SourceVpc / aws:RequestedRegion pairing."""
    def companion(statement):
        condition = statement.get("Condition") or {}
        return "aws:sourceorgid" in _keys(statement) or "aws:SourceVpc" in condition.get("StringEquals", {})
    kept = [s for s in policy["Statement"] if not companion(s)]
    return {**policy, "Statement": kept} if len(kept) < len(policy["Statement"]) else None


def exempt_every_action(policy):
    """A perimeter Deny of NotAction "*": it denies nothing."""
    changed = copy.deepcopy(policy)
    hit = False
    for statement in _denies(changed):
        if _keys(statement) & PERIMETER_KEYS:
            statement.pop("Action", None)
            statement["NotAction"] = ["*"]
            hit = True
    return changed if hit else None


def foreign_region(policy):
    changed = copy.deepcopy(policy)
    hit = False
    for statement in _denies(changed):
        for body in (statement.get("Condition") or {}).values():
            if "aws:RequestedRegion" in body:
                body["aws:RequestedRegion"] = "ap-south-1"
                hit = True
    return changed if hit else None


def placeholder_left(policy):
    return _replace_text(policy, f'"{ORG}"', '"<my-org-id>"')


def exempt_every_bucket(policy):
    changed = copy.deepcopy(policy)
    hit = False
    for statement in _denies(changed):
        if "NotResource" in statement:
            statement["NotResource"] = [*statement["NotResource"], "arn:aws:s3:::*"]
            hit = True
    return changed if hit else None


def deny_global_services(policy):
    """A region guard whose NotAction no longer exempts IAM."""
    changed = copy.deepcopy(policy)
    hit = False
    for statement in _denies(changed):
        if "aws:requestedregion" in _keys(statement) and "iam:*" in statement.get("NotAction", []):
            statement["NotAction"] = [a for a in statement["NotAction"] if a != "iam:*"]
            hit = True
    return changed if hit else None


ORGANIZATION_POLICY_MUTATIONS = [drop_via_aws_service, drop_principal_is_aws_service, flip_deny_operator,
                                 widen_deny_operator, positive_if_exists, deny_to_allow, exempt_every_action,
                                 drop_companion_statements,
                                 foreign_org, foreign_third_party, foreign_region, placeholder_left,
                                 exempt_every_bucket, deny_global_services]


# ---------------------------------------------------------------- endpoint policy mutations

def remove_policy(_policy):
    return WITHOUT_POLICY


def drop_resource_org_condition(policy):
    changed = copy.deepcopy(policy)
    hit = False
    for statement in _allows(changed):
        for body in (statement.get("Condition") or {}).values():
            if "aws:ResourceOrgID" in body:
                del body["aws:ResourceOrgID"]
                hit = True
    return changed if hit else None


def allow_everyone(policy):
    return {**policy, "Statement": [*policy["Statement"], allow("*", "*")]}


ENDPOINT_POLICY_MUTATIONS = [remove_policy, drop_org_condition, drop_resource_org_condition, allow_if_exists,
                             allow_negated, foreign_org, wildcard_org, foreign_third_party, allow_everyone]


# ---------------------------------------------------------------- equivalent rewrites

def reverse_statements(policy):
    return {**policy, "Statement": list(reversed(policy["Statement"]))}


def change_case(policy):
    """Condition operators and AWS-defined condition keys in lower case (tag keys keep theirs)."""
    def lower_keys(body):
        return {k.lower() if k.startswith(("aws:", "sts:")) and "/" not in k else k: v for k, v in body.items()}

    changed = copy.deepcopy(policy)
    for statement in changed["Statement"]:
        if "Condition" in statement:
            statement["Condition"] = {op.lower(): lower_keys(body) for op, body in statement["Condition"].items()}
    return changed


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


# ---------------------------------------------------------------- public switches

def _slug(resource_type: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", resource_type.lower()).strip("_")


def public_switch_cases():
    """Every resource type of every M5/M7 attribute rule: its compliant attributes, and each clause turned public."""
    found = {}
    for rule in load_catalog().rules:
        if rule.check not in ("exposure", "internet_route"):
            continue
        for framework, table in (("terraform", rule.terraform), ("cloudformation", rule.cloudformation)):
            for resource_type, spec in table.items():
                for label, attributes, expected in cases_for(rule.check, spec):
                    if expected == "warn":
                        continue
                    forms = {framework: (resource_type, attributes)}
                    name = f"{rule.id.lower()}__{_slug(resource_type)}__{label.replace('-', '_')}"
                    found[name] = Case("public switch", expected, forms.get("terraform"), forms.get("cloudformation"))
    return found


# ---------------------------------------------------------------- placing and scanning

POLICY_FAMILIES = {
    "resource policy": (resource_policy_bases, RESOURCE_POLICY_MUTATIONS),
    "organization policy": (organization_policy_bases, ORGANIZATION_POLICY_MUTATIONS),
    "endpoint policy": (endpoint_policy_bases, ENDPOINT_POLICY_MUTATIONS),
}


def cases():
    """name -> Case: every base passes, every mutation fails, every rewrite passes."""
    found = {}
    for family, (bases, mutations) in POLICY_FAMILIES.items():
        for base_name, (place, policy) in bases().items():
            found[f"{base_name}__base"] = placed(family, "pass", place, policy)
            for mutation in mutations:
                mutated = mutation(policy)
                if mutated is not None and mutated != policy:
                    found[f"{base_name}__{mutation.__name__}"] = placed(family, "fail", place, mutated)
            for rewrite in REWRITES:
                rewritten = rewrite(policy)
                if rewritten is not None:
                    found[f"{base_name}__same_{rewrite.__name__}"] = placed(family, "pass", place, rewritten)
    found.update(public_switch_cases())
    return found


def hcl_lines(attributes: dict, indent: str = "  ") -> list:
    """Attributes as HCL: a mapping or a list of mappings is a nested block, multi-line text a heredoc."""
    lines = []
    for key, value in attributes.items():
        if isinstance(value, dict) or _blocks(value):
            for block in [value] if isinstance(value, dict) else value:
                lines += [f"{indent}{key} {{", *hcl_lines(block, indent + "  "), f"{indent}}}"]
        elif isinstance(value, str) and "\n" in value:
            lines.append(f"{indent}{key} = <<POLICY\n{value}\nPOLICY")
        else:
            lines.append(f"{indent}{key} = {json.dumps(value)}")
    return lines


def _blocks(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def plan_values(attributes: dict) -> dict:
    """Attributes as `terraform show -json` prints them: every nested block is a list of objects."""
    def value_of(value):
        if isinstance(value, dict):
            return [plan_values(value)]
        return [plan_values(v) for v in value] if _blocks(value) else value
    return {key: value_of(value) for key, value in attributes.items()}


def logical_id(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", name.title())


def write_inputs(root: Path, table: dict) -> None:
    for folder in ("tf", "cfn", "plan"):
        (root / folder).mkdir()
    tf, resources, planned = [], {}, []
    for name, case in table.items():
        if case.terraform:
            tf_type, attributes = case.terraform
            tf.append("\n".join([f'resource "{tf_type}" "{name}" {{', *hcl_lines(attributes), "}\n"]))
            planned.append({"address": f"{tf_type}.{name}", "mode": "managed", "type": tf_type, "name": name,
                            "values": plan_values(attributes)})
        if case.cloudformation:
            cfn_type, properties = case.cloudformation
            resources[logical_id(name)] = {"Type": cfn_type, "Properties": properties}
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


def input_form(record) -> str:
    if record["framework"] == "cloudformation":
        return "cloudformation-json" if record["file"].endswith(".json") else "cloudformation-yaml"
    return "plan" if record["file"].endswith(".json") else "terraform"


@pytest.fixture(scope="module")
def outcome(tmp_path_factory):
    """The cases and, per (engine, input form), the names of the cases that engine failed."""
    table = cases()
    root = tmp_path_factory.mktemp("mutants")
    write_inputs(root, table)
    config_file = root / "perimeter.yaml"
    config_file.write_text(yaml.safe_dump({"perimeter": CONFIG.values()}))
    logical = {logical_id(name): name for name in table}
    per_engine = {}
    for engine in ("python", "rego"):
        result = scan([str(root)], CONFIG, engine=engine)
        per_engine[engine] = [finding_record(*entry) for entry in result.findings]
    per_engine["checkov"], _ = run_checkov([str(root)], str(config_file))
    verdicts = {}
    for engine, records in per_engine.items():
        for record in records:
            if record["suppressed"] or record["verdict"] != "fail":
                continue
            name = case_of(record)
            verdicts.setdefault((engine, input_form(record)), set()).add(logical.get(name, name))
    return table, verdicts


FORMS = {"terraform": ("terraform", "plan"), "cloudformation": ("cloudformation-yaml", "cloudformation-json")}


def input_forms(case: Case) -> list:
    return [form for framework, forms in FORMS.items() if getattr(case, framework) for form in forms]


@pytest.mark.parametrize("engine", ["python", "rego", "checkov"])
def test_every_breaking_mutation_is_caught_and_every_rewrite_passes(outcome, engine):
    table, verdicts = outcome
    mutants, killed, survivors, false_alarms = Counter(), Counter(), [], []
    for name, case in table.items():
        for form in input_forms(case):
            failed = name in verdicts.get((engine, form), set())
            if case.expected == "fail":
                mutants[case.family] += 1
                killed[case.family] += failed
                if not failed:
                    survivors.append(f"{form}:{name}")
            elif failed:
                false_alarms.append(f"{form}:{name}")
    print(f"\n{engine}: killed {sum(killed.values())}/{sum(mutants.values())} mutants (mutant x input form)")
    for family in mutants:
        print(f"  {family:<20} {killed[family]:>4}/{mutants[family]}")
    assert sum(mutants.values()) >= 100
    assert not survivors, f"surviving mutants: {survivors}"
    assert not false_alarms, f"equivalent rewrites or bases that failed: {false_alarms}"
