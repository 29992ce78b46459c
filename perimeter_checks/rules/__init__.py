"""Rules: which resources carry a policy, how to read it, and which predicate judges it.

A rule is a catalog row plus a predicate from `perimeter_checks.policy.analysis`.
Engines hand rules a `ResourceView` (plain attribute values, as Terraform or
CloudFormation wrote them after resolution) and get `Finding`s back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from perimeter_checks.catalog import Rule
from perimeter_checks.config import PerimeterConfig
from perimeter_checks.policy.analysis import FAIL, PREDICATES, WARN
from perimeter_checks.policy.document import PolicyDocument, PolicyUnresolved, parse_policy
from perimeter_checks.policy.terraform import document_reference
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
    if rule.check in RESOURCE_CHECKS:
        return [Finding(rule.id, view.address, i.verdict, i.message) for i in RESOURCE_CHECKS[rule.check](view, spec, config)]
    predicate = PREDICATES[rule.check]
    findings = []
    for value in policy_values(spec, view):
        try:
            document = load_document(value, view)
        except PolicyUnresolved as exc:
            findings.append(Finding(rule.id, view.address, WARN, f"policy cannot be verified statically: {exc}"))
            continue
        findings.extend(Finding(rule.id, view.address, i.verdict, i.message) for i in predicate(document, config))
    return findings


__all__ = ["ResourceView", "Finding", "evaluate", "FAIL", "WARN"]
