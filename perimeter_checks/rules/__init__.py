"""Rules: which resources carry a policy, how to read it, and which predicate judges it.

A rule is a catalog row plus a predicate from `perimeter_checks.policy.analysis`.
Engines hand rules a `ResourceView` (plain attribute values, as Terraform or
CloudFormation wrote them after resolution) and get `Finding`s back.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable, Optional

from perimeter_checks.catalog import Rule
from perimeter_checks.config import PerimeterConfig
from perimeter_checks.policy.analysis import FAIL, PREDICATES, WARN
from perimeter_checks.policy.document import PolicyDocument, PolicyUnresolved, parse_policy
from perimeter_checks.policy.organizations import (
    COMPLETENESS_CHECKS,
    CONTROLS,
    POLICY_TYPES,
    controls_present,
    missing_control_issues,
    with_kind,
)
from perimeter_checks.policy.terraform import document_reference
from perimeter_checks.policy.values import is_expression
from perimeter_checks.rules.network import RESOURCE_CHECKS
from perimeter_checks.rules.permissions import PERMISSION_ADAPTERS



@dataclass(frozen=True)
class ResourceView:
    framework: str  # "terraform" or "cloudformation"
    type: str
    address: str  # Terraform address (with module path) or CloudFormation logical ID
    attributes: dict
    # Resolves "data.aws_iam_policy_document.<name>" (the name) in the resource's module.
    resolve_document: Optional[Callable[[str], PolicyDocument]] = None
    file: str = ""
    line: int = 0
    # (rule ID, reason) pairs from inline `checkov:skip=` comments or CloudFormation Metadata.
    skips: tuple = ()
    # Addresses of resources of a given type that reference this one (Terraform correlations,
    # e.g. the aws_vpc_endpoint_policy attached to an aws_vpc_endpoint).
    referrers: Optional[Callable[[str], tuple]] = None
    # The type of another resource of the same CloudFormation template, by logical ID (e.g.
    # whether a route's GatewayId names an AWS::EC2::InternetGateway); None when unknown.
    type_of: Optional[Callable[[str], Optional[str]]] = None
    # Every view of the same input unit (a Terraform module directory, a plan, a template):
    # repository-level rules (organization perimeter completeness) judge them as a set.
    peers: Optional[Callable[[], tuple]] = None


@dataclass(frozen=True)
class Finding:
    rule_id: str
    resource: str
    verdict: str  # "fail" or "warn"
    message: str


def carrier_spec(rule: Rule, view: ResourceView) -> str | None:
    table = rule.terraform if view.framework == "terraform" else rule.cloudformation
    return table.get(view.type)


def _walk(value, segments: list) -> list:
    """Values at an attribute path; blocks may be one dict or a list of dicts."""
    if not segments:
        if isinstance(value, list) and len(value) == 1:
            value = value[0]
        return [] if value in (None, "", [], {}) else [value]
    segment, rest = segments[0], segments[1:]
    key = segment[:-2] if segment.endswith("[]") else segment
    items = value if isinstance(value, list) else [value]
    found = []
    for item in items:
        if isinstance(item, dict) and key in item:
            found.extend(_walk(item[key], rest))
    return found


def policy_values(spec: str, view: ResourceView) -> list:
    """The raw policy values (dict, text or synthetic dict) a resource carries."""
    if spec.startswith("permission:"):
        synthetic = PERMISSION_ADAPTERS[spec.split(":", 1)[1]](view.framework, view.attributes)
        return [synthetic] if synthetic is not None else []
    return _walk(view.attributes, spec.split("."))


def load_document(value, view: ResourceView) -> PolicyDocument:
    name = document_reference(value)
    if name is None:
        return parse_policy(value)
    if view.resolve_document is None:
        raise PolicyUnresolved(f"{value.strip()} is not available to this engine")
    return view.resolve_document(name)


def evaluate(rule: Rule, view: ResourceView, config: PerimeterConfig) -> list:
    """Run one rule on one resource; an unreadable policy is a warning, never a pass."""
    spec = carrier_spec(rule, view)
    if spec is None:
        return []
    if isinstance(spec, str) and spec.startswith(ORGANIZATION_SPEC):
        return _evaluate_organization(rule, view, spec, config)
    if rule.check in RESOURCE_CHECKS:
        issues = RESOURCE_CHECKS[rule.check](view, spec, config)
        return list(dict.fromkeys(Finding(rule.id, view.address, i.verdict, i.message) for i in issues))
    predicate = PREDICATES[rule.check]
    findings = []
    for value in policy_values(spec, view):
        try:
            document = load_document(value, view)
        except PolicyUnresolved as exc:
            findings.append(Finding(rule.id, view.address, WARN, f"policy cannot be verified statically: {exc}"))
            continue
        findings.extend(Finding(rule.id, view.address, i.verdict, i.message) for i in predicate(document, config))
    # statements that repeat a Sid and a shape say the same thing once, as Rego's sets do
    return list(dict.fromkeys(findings))


# "organization:<content attribute>:<type attribute>": an SCP or RCP; the type decides which.
ORGANIZATION_SPEC = "organization:"


def organization_kind(view: ResourceView, spec: str):
    """("scp" | "rcp" | None, problem): None for other policy types (tag, backup, ... policies)."""
    type_attribute = spec.split(":")[2]
    raw = view.attributes.get(type_attribute)
    if isinstance(raw, list) and len(raw) == 1:
        raw = raw[0]
    if raw in (None, "") and view.framework == "terraform":
        raw = "SERVICE_CONTROL_POLICY"  # the provider's default
    if not isinstance(raw, str) or is_expression(raw):
        return None, f"policy type {str(raw)[:80]!r} cannot be resolved statically"
    return POLICY_TYPES.get(raw.strip()), None


def organization_documents(view: ResourceView, spec: str) -> tuple:
    """(documents with their kind, problems) of one organization-policy resource."""
    kind, problem = organization_kind(view, spec)
    if problem:
        return [], [problem]
    if kind is None:
        return [], []
    documents, problems = [], []
    for value in _walk(view.attributes, spec.split(":")[1].split(".")):
        try:
            documents.append(with_kind(load_document(value, view), kind))
        except PolicyUnresolved as exc:
            problems.append(f"policy cannot be verified statically: {exc}")
    return documents, problems


def _evaluate_organization(rule: Rule, view: ResourceView, spec: str, config: PerimeterConfig) -> list:
    if rule.check in COMPLETENESS_CHECKS:
        return _evaluate_completeness(rule, view, spec, config)
    documents, problems = organization_documents(view, spec)
    findings = [Finding(rule.id, view.address, WARN, p) for p in problems]
    for document in documents:
        findings.extend(Finding(rule.id, view.address, i.verdict, i.message) for i in PREDICATES[rule.check](document, config))
    return findings


def _evaluate_completeness(rule: Rule, view: ResourceView, spec: str, config: PerimeterConfig) -> list:
    """Repository level: reported once per input unit, on its first organization policy (by address)."""
    table = rule.terraform if view.framework == "terraform" else rule.cloudformation
    members = [view] + [
        p for p in (view.peers() if view.peers else ()) if p.type in table and p.address != view.address
    ]
    judged = []
    for member in members:
        kind, problem = organization_kind(member, table[member.type])
        if kind or problem:
            judged.append(member)
    if not judged or min(m.address for m in judged) != view.address:
        return []
    documents, problems = [], []
    for member in judged:
        found, unreadable = organization_documents(member, table[member.type])
        documents.extend(found)
        problems.extend(unreadable)
    control = COMPLETENESS_CHECKS[rule.check]
    if control in controls_present(documents):
        return []
    if problems:
        # An unreadable policy might define the control: unverified rather than failed.
        mitigation, what, _ = CONTROLS[control]
        return [Finding(rule.id, view.address, WARN,
                        f"organization policies lack {what} ({mitigation}) that can be verified: "
                        f"{len(problems)} cannot be read")]
    issues = missing_control_issues(control, documents)
    return [Finding(rule.id, view.address, i.verdict, i.message) for i in issues]


def organization_summary(views) -> list:
    """Per input unit that defines SCPs/RCPs: which perimeter controls exist and which are missing.

    The unit is what the completeness rules judge together: a Terraform module directory,
    a plan, a CloudFormation template (the file). Reports show this as a summary section.
    """
    from perimeter_checks.catalog import load_catalog

    specs = {}
    for rule in load_catalog().rules:
        if rule.check in COMPLETENESS_CHECKS:
            specs.update({("terraform", t): s for t, s in rule.terraform.items()})
            specs.update({("cloudformation", t): s for t, s in rule.cloudformation.items()})
    units: dict = {}
    for view in views:
        spec = specs.get((view.framework, view.type))
        if spec is None:
            continue
        kind, problem = organization_kind(view, spec)
        if not kind and not problem:
            continue
        unit = os.path.dirname(view.file) if view.file.endswith(".tf") else view.file
        units.setdefault((view.framework, unit), []).append((view, spec))
    summary = []
    for (framework, unit), members in sorted(units.items()):
        documents, unreadable = [], 0
        for view, spec in members:
            found, problems = organization_documents(view, spec)
            documents.extend(found)
            unreadable += len(problems)
        present = controls_present(documents)
        summary.append({
            "unit": unit,
            "framework": framework,
            "policies": sorted(v.address for v, _ in members),
            "unreadable": unreadable,
            "controls": [
                {"control": name, "mitigation": CONTROLS[name][0], "description": CONTROLS[name][1], "present": name in present}
                for name in CONTROLS
            ],
        })
    return summary


__all__ = ["ResourceView", "Finding", "evaluate", "FAIL", "WARN"]
