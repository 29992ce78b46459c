"""Organization policies (SCPs, RCPs) and identity policies: AWS's reference SCPs and RCPs are
known-good, broken copies of each are caught, and completeness is judged over the set.

AWS's files live in ../shared/data/aws-data-perimeter-examples (tests/aws_examples.py fills
their placeholders). resource_control_policies/service_specific_controls/ holds resource-based
policies for API Gateway and SNS (services RCPs do not cover), not RCPs: the M3 reference
test (test_aws_reference_policies.py) judges those.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from perimeter_checks.catalog import load_catalog
from perimeter_checks.config import PerimeterConfig
from perimeter_checks.policy.document import parse_policy
from perimeter_checks.policy.organizations import COMPLETENESS_CHECKS, controls_present, intents, with_kind
from perimeter_checks.rules import ResourceView, evaluate

from aws_examples import CONFIG, EXAMPLES, FOREIGN_ORG, ORG, filled, region_guard
from rego_runner import Conftest, verdicts

KIND_OF_FOLDER = {"service_control_policies": "SERVICE_CONTROL_POLICY", "resource_control_policies": "RESOURCE_CONTROL_POLICY"}
FILES = sorted(
    [p for p in (EXAMPLES / "service_control_policies").rglob("*.json")]
    + [p for p in (EXAMPLES / "resource_control_policies").glob("*.json")]
) if EXAMPLES.is_dir() else []
pytestmark = pytest.mark.skipif(
    not EXAMPLES.is_dir(), reason=f"AWS reference policies not found at {EXAMPLES} (the shared data folder beside the repo)"
)
CATALOG = load_catalog()
LINT_RULES = [r for r in CATALOG.rules if "aws_organizations_policy" in r.terraform and r.check not in COMPLETENESS_CHECKS]
COMPLETENESS_RULES = [r for r in CATALOG.rules if r.check in COMPLETENESS_CHECKS]


def policy_type(path: Path) -> str:
    return KIND_OF_FOLDER[path.relative_to(EXAMPLES).parts[0]]


def views(policy: dict, type_name: str, name: str = "reference") -> list:
    return [
        ResourceView("terraform", "aws_organizations_policy", f"aws_organizations_policy.{name}",
                     {"name": name, "type": type_name, "content": json.dumps(policy)}),
        ResourceView("cloudformation", "AWS::Organizations::Policy", name.capitalize(),
                     {"Name": name, "Type": type_name, "Content": policy}),
    ]


def lint(policy: dict, type_name: str, config=CONFIG) -> list:
    return [(f.rule_id, f.verdict, f.message) for view in views(policy, type_name)
            for rule in LINT_RULES for f in evaluate(rule, view, config)]


def rule_ids(findings) -> set:
    return {f[0] for f in findings}


def _id(path: Path) -> str:
    return str(path.relative_to(EXAMPLES))


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_aws_reference_policy_is_clean(path):
    assert lint(filled(path), policy_type(path)) == []


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_aws_reference_policy_is_clean_without_config(path):
    assert lint(filled(path), policy_type(path), PerimeterConfig()) == []


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_placeholders_left_in_are_caught(path):
    if "<" not in path.read_text():
        pytest.skip("no placeholder in this file")
    findings = lint(json.loads(path.read_text()), policy_type(path))
    assert "PERIM_M1_ORG_POLICY_LINT" in rule_ids(findings)
    assert any("placeholder <" in message for _, _, message in findings)


def test_aws_reference_set_is_complete():
    documents = [with_kind(parse_policy(filled(p)), "scp" if policy_type(p).startswith("SERVICE") else "rcp") for p in FILES]
    # AWS's examples pair aws:SourceVpc with aws:RequestedRegion but ship no organization-wide region guard.
    assert controls_present(documents) == {"identity_rcp", "resource_scp", "network", "governance_scp"}
    guard = with_kind(parse_policy(region_guard()), "scp")
    assert controls_present(documents + [guard]) == set(COMPLETENESS_CHECKS.values())


def test_completeness_is_reported_once_on_the_first_policy():
    members = [views(filled(p), policy_type(p), p.stem)[0] for p in FILES]
    members.append(views(region_guard(), SCP, "region_guard")[0])
    only_resource_scp = [m for m in members if m.address.endswith(".resource_perimeter_scp")]
    for group, expected in ((members, set()), (only_resource_scp, {r.id for r in COMPLETENESS_RULES} - {"PERIM_M1_ORG_RESOURCE_SCP_MISSING"})):
        linked = [ResourceView(m.framework, m.type, m.address, m.attributes, peers=lambda g=group: tuple(g)) for m in group]
        found = [(f.rule_id, f.resource) for view in linked for rule in COMPLETENESS_RULES for f in evaluate(rule, view, CONFIG)]
        assert {r for r, _ in found} == expected
        assert {res for _, res in found} <= {min(m.address for m in group)}


# ---------------------------------------------------------------- broken copies

def _statement(policy: dict, sid: str) -> dict:
    return next(s for s in policy["Statement"] if s.get("Sid") == sid)


def _load(relative: str) -> dict:
    return filled(EXAMPLES / relative)


def _identity_without_service_exception():
    p = _load("resource_control_policies/identity_perimeter_rcp.json")
    del _statement(p, "EnforceOrgIdentities")["Condition"]["BoolIfExists"]
    return p


def _identity_operator_flipped():
    p = _load("resource_control_policies/identity_perimeter_rcp.json")
    condition = _statement(p, "EnforceOrgIdentities")["Condition"]
    condition["StringEquals"] = {"aws:PrincipalOrgID": condition["StringNotEqualsIfExists"].pop("aws:PrincipalOrgID")}
    return p


def _identity_without_companion():
    p = _load("resource_control_policies/identity_perimeter_rcp.json")
    p["Statement"] = [s for s in p["Statement"] if s.get("Sid") != "EnforceConfusedDeputyProtection"]
    return p


def _confused_deputy_without_null():
    p = _load("resource_control_policies/identity_perimeter_rcp.json")
    del _statement(p, "EnforceConfusedDeputyProtection")["Condition"]["Null"]
    return p


def _org_swapped(relative: str):
    return lambda: json.loads(json.dumps(_load(relative)).replace(ORG, FOREIGN_ORG))


def _network_without_via_service(relative: str, sid: str):
    def build():
        p = _load(relative)
        del _statement(p, sid)["Condition"]["BoolIfExists"]["aws:ViaAWSService"]
        return p
    return build


def _rcp_network_without_principal_service():
    p = _load("resource_control_policies/network_perimeter_vpceorgid_rcp.json")
    del _statement(p, "EnforceNetworkPerimeterVpceOrgID")["Condition"]["BoolIfExists"]["aws:PrincipalIsAWSService"]
    return p


def _network_operator_flipped():
    p = _load("service_control_policies/network_perimeter_sourcevpc_scp.json")
    condition = _statement(p, "EnforceNetworkPerimeterSourceVPC")["Condition"]
    condition["IpAddress"] = condition.pop("NotIpAddressIfExists")
    return p


def _network_without_region_pair():
    p = _load("service_control_policies/network_perimeter_sourcevpc_scp.json")
    p["Statement"] = [s for s in p["Statement"] if not s.get("Sid", "").startswith("SourceVPCRegion")]
    return p


def _network_foreign_vpc():
    return json.loads(json.dumps(_load("service_control_policies/network_perimeter_sourcevpc_scp.json"))
                      .replace('"vpc-0a1b2c3d4e5f60001"]', '"vpc-0fffffffffffffff0"]'))


def _resource_operator_flipped():
    p = _load("service_control_policies/resource_perimeter_scp.json")
    condition = _statement(p, "EnforceResourcePerimeterAWSResources")["Condition"]
    condition["ForAnyValue:StringNotEquals"] = {"aws:ResourceOrgID": condition["StringNotEqualsIfExists"].pop("aws:ResourceOrgID")}
    return p


def _resource_exception_too_broad():
    p = _load("service_control_policies/resource_perimeter_scp.json")
    _statement(p, "EnforceResourcePerimeterAWSResources")["NotResource"].append("arn:aws:s3:::*")
    return p


def _resource_foreign_third_party():
    p = _load("service_control_policies/resource_perimeter_scp.json")
    _statement(p, "EnforceResourcePerimeterThirdPartyResources")["Condition"]["StringNotEqualsIfExists"]["aws:ResourceAccount"].append("333333333333")
    return p


def _region_foreign():
    return json.loads(json.dumps(_load("service_control_policies/network_perimeter_sourcevpc_scp.json")).replace('"eu-central-1"', '"us-west-2"'))


def _governance_allow_instead_of_deny():
    p = _load("service_control_policies/resource_perimeter_scp.json")
    _statement(p, "EnforceResourcePerimeterAWSResources")["Effect"] = "Allow"
    return p


def _if_exists_on_positive():
    p = _load("service_control_policies/network_perimeter_sourcevpc_scp.json")
    condition = _statement(p, "EnforceNetworkPerimeterSourceVPC")["Condition"]
    condition["StringEqualsIfExists"] = condition.pop("StringEquals")
    return p


def _empty_values():
    p = _load("service_control_policies/resource_perimeter_scp.json")
    _statement(p, "EnforceResourcePerimeterThirdPartyResources")["Condition"]["StringNotEqualsIfExists"]["aws:ResourceAccount"] = []
    return p


SCP, RCP = "SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"
BROKEN = {
    "identity RCP: PrincipalIsAWSService exception removed": (_identity_without_service_exception, RCP, "PERIM_M3_RCP_IDENTITY_PERIMETER"),
    "identity RCP: operator flipped": (_identity_operator_flipped, RCP, "PERIM_M3_RCP_IDENTITY_PERIMETER"),
    "identity RCP: confused-deputy companion removed": (_identity_without_companion, RCP, "PERIM_M3_RCP_IDENTITY_PERIMETER"),
    "identity RCP: Null aws:SourceAccount removed": (_confused_deputy_without_null, RCP, "PERIM_M3_RCP_IDENTITY_PERIMETER"),
    "identity RCP: org swapped": (_org_swapped("resource_control_policies/identity_perimeter_rcp.json"), RCP, "PERIM_M3_RCP_IDENTITY_PERIMETER"),
    "resource SCP: operator flipped": (_resource_operator_flipped, SCP, "PERIM_M1_ORG_RESOURCE_PERIMETER"),
    "resource SCP: org swapped": (_org_swapped("service_control_policies/resource_perimeter_scp.json"), SCP, "PERIM_M1_ORG_RESOURCE_PERIMETER"),
    "resource SCP: NotResource exempts every bucket": (_resource_exception_too_broad, SCP, "PERIM_M1_ORG_RESOURCE_PERIMETER"),
    "resource SCP: foreign third-party account": (_resource_foreign_third_party, SCP, "PERIM_M1_ORG_RESOURCE_PERIMETER"),
    "network SCP: ViaAWSService exception removed": (
        _network_without_via_service("service_control_policies/network_perimeter_sourcevpc_scp.json", "EnforceNetworkPerimeterSourceVPC"),
        SCP, "PERIM_M2_ORG_NETWORK_PERIMETER"),
    "network RCP: ViaAWSService exception removed": (
        _network_without_via_service("resource_control_policies/network_perimeter_sourcevpc_rcp.json", "EnforceNetworkPerimeterSourceVPC"),
        RCP, "PERIM_M2_ORG_NETWORK_PERIMETER"),
    "network RCP: PrincipalIsAWSService exception removed": (_rcp_network_without_principal_service, RCP, "PERIM_M2_ORG_NETWORK_PERIMETER"),
    "network SCP: operator flipped": (_network_operator_flipped, SCP, "PERIM_M2_ORG_NETWORK_PERIMETER"),
    "network SCP: SourceVpc without RequestedRegion pairing": (_network_without_region_pair, SCP, "PERIM_M2_ORG_NETWORK_PERIMETER"),
    "network SCP: foreign VPC": (_network_foreign_vpc, SCP, "PERIM_M2_ORG_NETWORK_PERIMETER"),
    "network SCP (VpceOrgID): org swapped": (_org_swapped("service_control_policies/network_perimeter_vpceorgid_scp.json"), SCP, "PERIM_M2_ORG_NETWORK_PERIMETER"),
    "network RCP (VpceOrgID): org swapped": (_org_swapped("resource_control_policies/network_perimeter_vpceorgid_rcp.json"), RCP, "PERIM_M2_ORG_NETWORK_PERIMETER"),
    "VPC-region pairing: foreign region": (_region_foreign, SCP, "PERIM_M2_ORG_NETWORK_PERIMETER"),
    "region guard: Action * denies global services": (lambda: region_guard("Action", ("*",)), SCP, "PERIM_M6_ORG_REGION_GUARD"),
    "region guard: NotAction misses IAM": (lambda: region_guard(actions=("organizations:*", "sts:*")), SCP, "PERIM_M6_ORG_REGION_GUARD"),
    "region guard: operator flipped": (lambda: region_guard(operator="StringEquals"), SCP, "PERIM_M6_ORG_REGION_GUARD"),
    "region guard: foreign region": (lambda: region_guard(regions=("eu-west-1", "ap-south-1")), RCP, "PERIM_M6_ORG_REGION_GUARD"),
    "lint: Allow where a Deny was meant": (_governance_allow_instead_of_deny, SCP, "PERIM_M1_ORG_POLICY_LINT"),
    "lint: IfExists on a positive operator": (_if_exists_on_positive, SCP, "PERIM_M1_ORG_POLICY_LINT"),
    "lint: empty value list": (_empty_values, SCP, "PERIM_M1_ORG_POLICY_LINT"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_copy_is_caught(case):
    build, type_name, rule_id = BROKEN[case]
    findings = lint(build(), type_name)
    assert rule_id in rule_ids(findings), findings
    assert {v for r, v, _ in findings if r == rule_id} == {"fail"}


@pytest.fixture(scope="module")
def conftest():
    return Conftest(data={"perimeter": CONFIG.values()})


@pytest.mark.parametrize("part", ["NotAction", "NotResource"])
def test_deny_that_exempts_everything_is_caught_in_python_and_rego(conftest, part):
    """NotAction or NotResource "*" leaves a Deny nothing to deny: no other rule sees it (found by test_mutation)."""
    guard = region_guard()
    statement = guard["Statement"][0]
    if part == "NotAction":
        statement["NotAction"] = ["*"]
    else:
        statement["NotResource"] = " * "
        del statement["Resource"]
    expected = f'statement \'DenyOutsideMyRegions\': a Deny with {part} "*" denies nothing'
    assert [(r, v, m) for r, v, m in lint(guard, SCP) if m == expected] == [("PERIM_M1_ORG_POLICY_LINT", "fail", expected)] * 2
    hcl = {"resource": {"aws_organizations_policy": {"guard": [{"name": "guard", "type": SCP, "content": json.dumps(guard)}]}}}
    assert ("PERIM_M1_ORG_POLICY_LINT", "aws_organizations_policy.guard", "fail") in verdicts(conftest.test(hcl, "main.tf"))


def test_region_guard_is_clean():
    assert lint(region_guard(), SCP) == []
    assert lint(region_guard(regions=("eu-west-1", "us-east-1"), action_key="Action", actions=("*",)), SCP, PerimeterConfig()) == []


def test_intents_of_aws_statements():
    identity = _load("resource_control_policies/identity_perimeter_rcp.json")
    assert intents(parse_policy(identity).statements[0]) == {"identity"}
    assert intents(parse_policy(identity).statements[3]) == {"confused_deputy"}
    governance = _load("resource_control_policies/data_perimeter_governance_rcp.json")
    assert intents(parse_policy(governance).statements[0]) == {"targeted_identity"}
    network = parse_policy(_load("service_control_policies/network_perimeter_sourcevpc_scp.json")).statements
    assert [intents(s) for s in network] == [{"network"}, {"vpc_region"}, {"vpc_region"}]


def test_other_policy_types_and_unknown_types():
    rule = CATALOG.rule("PERIM_M1_ORG_POLICY_LINT")
    tag_policy = ResourceView("terraform", "aws_organizations_policy", "aws_organizations_policy.t",
                              {"type": "TAG_POLICY", "content": '{"tags": {}}'})
    assert evaluate(rule, tag_policy, CONFIG) == []
    unknown = ResourceView("terraform", "aws_organizations_policy", "aws_organizations_policy.u",
                           {"type": "${var.type}", "content": "{}"})
    assert [f.verdict for f in evaluate(rule, unknown, CONFIG)] == ["warn"]


def test_report_summary_agrees_with_completeness_findings():
    """The summary section and the *_MISSING findings say the same thing, unit by unit."""
    from perimeter_checks.config import load_config_file
    from perimeter_checks.report import Report, json_report, text_report
    from perimeter_checks.scan import finding_record, scan

    root = Path(__file__).resolve().parents[1] / "examples"
    result = scan([str(root)], load_config_file(root / "perimeter.yaml"))
    by_check = {r.id: r.check for r in COMPLETENESS_RULES}
    reported = {}
    for finding, view, _ in result.findings:
        if finding.rule_id in by_check:
            unit = os.path.dirname(view.file) if view.file.endswith(".tf") else view.file
            reported.setdefault(os.path.relpath(unit), set()).add(COMPLETENESS_CHECKS[by_check[finding.rule_id]])
    summarized = {
        os.path.relpath(u["unit"]): {c["control"] for c in u["controls"] if not c["present"]} for u in result.organization
    }
    assert {u: m for u, m in summarized.items() if m} == reported
    assert len(result.organization) == 6  # organizations(_partial) in Terraform, plan, CloudFormation
    records = [finding_record(*entry) for entry in result.findings]
    report = Report(records, result.resources, organization=result.organization)
    assert "Organization perimeter" in text_report(report)
    assert json.loads(json_report(report))["organization"] == result.organization
