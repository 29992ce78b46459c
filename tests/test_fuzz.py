"""Fuzzing: any input shape gives findings, warnings or a clear error; no engine raises.

Hypothesis builds wrong-typed and oddly shaped policies (`Statement: 5`, `Principal: []`,
nulls, nested junk, invalid JSON text, unknown intrinsics) inside every resource type
of the catalog, as Terraform views, plan JSON and CloudFormation templates, and runs the
python rules and the Rego rules over them. PERIMETER_FUZZ_EXAMPLES sets the number of
cases per test (CI default 300; the long mode uses 10,000).
"""

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perimeter_checks.catalog import load_catalog
from perimeter_checks.config import PerimeterConfig
from perimeter_checks.rules import ResourceView, evaluate
from perimeter_checks.sources.cloudformation import template_views
from perimeter_checks.sources.plan import plan_views

EXAMPLES = int(os.environ.get("PERIMETER_FUZZ_EXAMPLES", "300"))
CONFIG = PerimeterConfig(org_ids=("o-a1b2c3d4e5",), account_ids=("111111111111",))
RULES = load_catalog().rules
TERRAFORM_TYPES = sorted({t for r in RULES for t in r.terraform})
CLOUDFORMATION_TYPES = sorted({t for r in RULES for t in r.cloudformation})
IAM_WORDS = ["Statement", "Effect", "Allow", "Deny", "Principal", "NotPrincipal", "AWS", "Service", "Federated",
             "Action", "NotAction", "Resource", "Condition", "StringEquals", "StringNotEqualsIfExists",
             "ForAllValues:StringLike", "aws:PrincipalOrgID", "aws:SourceAccount", "*", "Ref", "Fn::Sub",
             "Fn::GetAtt", "Fn::If", "Fn::Unknown", "${var.x}", "policy", "PolicyDocument", "111111111111",
             "arn:aws:iam::444455556666:root", "o-a1b2c3d4e5", "o-*", "sts:ExternalId", "Bool", "true", "Null"]
CASES = {"count": 0}

scalars = st.none() | st.booleans() | st.integers(-2**40, 2**40) | st.floats(allow_nan=False, allow_infinity=False) \
    | st.text(max_size=30) | st.sampled_from(IAM_WORDS)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(IAM_WORDS) | st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)
statements = st.fixed_dictionaries(
    {},
    optional={word: values for word in ("Effect", "Principal", "NotPrincipal", "Action", "Resource", "Condition", "Sid")},
)
policies = (
    values
    | st.fixed_dictionaries({"Statement": values | st.lists(statements, max_size=4) | statements})
    | st.lists(statements, max_size=3).map(lambda s: json.dumps({"Statement": s}))
    | st.text(max_size=40).map(lambda t: '{"Statement": ' + t)
)
attributes = st.dictionaries(
    st.sampled_from(["policy", "assume_role_policy", "access_policies", "policy_document", "principal",
                     "principal_org_id", "source_account", "organization_id", "condition", "details", "PolicyDocument",
                     "KeyPolicy", "Principal", "ResourcePolicy", "AssumeRolePolicyDocument", "Replicas"]) | st.text(max_size=6),
    policies,
    max_size=4,
)


def run_python(views):
    for view in views:
        for rule in RULES:
            for finding in evaluate(rule, view, CONFIG):
                assert finding.verdict in ("fail", "warn") and isinstance(finding.message, str)


def fuzz_settings():
    return settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))


@fuzz_settings()
@given(st.sampled_from(TERRAFORM_TYPES), attributes)
def test_terraform_views_of_any_shape(resource_type, attrs):
    CASES["count"] += 1
    run_python([ResourceView("terraform", resource_type, f"{resource_type}.fuzz", attrs)])


@fuzz_settings()
@given(st.lists(st.tuples(st.sampled_from(CLOUDFORMATION_TYPES), attributes | values), max_size=3), values)
def test_cloudformation_templates_of_any_shape(resources, parameters):
    CASES["count"] += 1
    template = {"Parameters": parameters, "Resources": {f"R{i}": {"Type": t, "Properties": p}
                                                         for i, (t, p) in enumerate(resources)}}
    if isinstance(template["Resources"], dict) and template["Resources"]:
        run_python(template_views(template, "fuzz.yaml"))


@fuzz_settings()
@given(st.lists(st.tuples(st.sampled_from(TERRAFORM_TYPES), attributes, values), max_size=3), values)
def test_plans_of_any_shape(resources, configuration):
    CASES["count"] += 1
    plan = {
        "format_version": "1.2",
        "planned_values": {"root_module": {"resources": [
            {"address": f"{t}.r{i}", "mode": "managed", "type": t, "name": f"r{i}", "values": a}
            for i, (t, a, _) in enumerate(resources)]}},
        "resource_changes": [{"address": f"{t}.r{i}", "mode": "managed", "change": {"after_unknown": u}}
                             for i, (t, _, u) in enumerate(resources)],
        "configuration": configuration,
    }
    run_python(plan_views(plan))


@pytest.fixture(scope="module")
def rego():
    pytest.importorskip("opa_bindings")
    from perimeter_checks.cli import ENGINE_PATHS
    from perimeter_checks.rego_engine import open_engine

    return open_engine(ENGINE_PATHS["rego"], CONFIG)


@settings(max_examples=max(10, EXAMPLES // 20), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.sampled_from(TERRAFORM_TYPES + CLOUDFORMATION_TYPES), attributes), min_size=20, max_size=20))
def test_rego_rules_on_any_shape(rego, batch):
    """Strict builtin errors make any Rego type error fail here (conftest would hide it)."""
    from perimeter_checks.rego_engine import rows, scanner_input

    CASES["count"] += len(batch)
    views = [ResourceView("cloudformation" if "::" in t else "terraform", t, f"R{i}", a)
             for i, (t, a) in enumerate(batch)]
    for row in rows(*rego.evaluate(scanner_input(views))):
        assert row[2] in ("fail", "warn")
    template = {"Resources": {f"R{i}": {"Type": t, "Properties": a} for i, (t, a) in enumerate(batch) if "::" in t}}
    if template["Resources"]:
        rego.evaluate(template)


def test_report_cases_run():
    print(f"\nfuzz cases run: {CASES['count']} (PERIMETER_FUZZ_EXAMPLES={EXAMPLES})")
    assert CASES["count"] > 0
