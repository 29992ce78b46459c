"""Checks on resource attributes rather than on a policy document (network boundary).

Each check takes the resource view, the catalog's target spec for its type and the
config, and returns Issues like the policy predicates do. The checks are interpreters
of the specs in catalog.yaml (`targets`): adding a resource type is a table row there.
The Rego twin is rego/lib/network.rego.

Value forms (identical in every engine): booleans, or their text in any case; a value
that is an expression (`${...}`, a bare Terraform reference as Checkov renders it, a
CloudFormation intrinsic that could not be resolved, a plan value known only after
apply) is unresolved and warns, never passes silently.
"""

from __future__ import annotations

import re

from perimeter_checks.config import PerimeterConfig
from perimeter_checks.policy.analysis import FAIL, WARN, Issue
from perimeter_checks.policy.values import Unresolved, is_expression

# Endpoint types that take no endpoint policy (AWS PrivateLink documentation), and the
# prefix of endpoint services run by other accounts, which do not support policies.
_NO_POLICY_TYPES = {"gatewayloadbalancer", "resource", "servicenetwork"}
_PARTNER_SERVICE_PREFIX = "com.amazonaws.vpce."
_ENDPOINT_POLICY_TYPE = "aws_vpc_endpoint_policy"

_ABSENT, _UNRESOLVED = object(), object()
_OPEN_CIDR = re.compile(r"^[0-9a-f:.]+/0$")
# References inside a value: Terraform `aws_<type>.<name>` (HCL, Checkov, plan "known after
# apply (from ...)" texts) and CloudFormation `${AWS::StackResource:<logical id>...}`.
_TF_REFERENCE = re.compile(r"(?<![\w.\-])(aws_[a-z0-9_]+)\.[\w-]+")
_CFN_REFERENCE = re.compile(r"\$\{AWS::StackResource:([^}.]+)")
_INTERNET_GATEWAY_TYPES = {"aws_internet_gateway", "AWS::EC2::InternetGateway"}
# Marks a value read through a block that is itself an expression (values_at).
_OF_OPAQUE_BLOCK = " of an expression"


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def norm(value):
    """_ABSENT, _UNRESOLVED or the lower-case text of a scalar."""
    if value is None or value == "" or value == [] or value == {}:
        return _ABSENT
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, str):
        return _UNRESOLVED if is_expression(value) else value.strip().lower()
    return _UNRESOLVED  # Unresolved, an unresolved intrinsic object, a list where a scalar belongs


def _flatten(value) -> list:
    if isinstance(value, list):
        return [x for item in value for x in _flatten(item)]
    return [] if norm(value) is _ABSENT else [value]


def values_at(attributes, path: str) -> list:
    """The scalar values at an attribute path ("a.b", "a[].b"); lists are flattened.

    A block that is itself an expression (a dynamic block, `vpc_config = var.x`) yields an
    unresolved value, so whatever it holds cannot pass silently.
    """
    level = [attributes]
    for segment in path.split("."):
        key = segment[:-2] if segment.endswith("[]") else segment
        found = []
        for value in level:
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    if key in item:
                        found.append(item[key])
                elif norm(item) is not _ABSENT:
                    found.append(Unresolved(f"{key}{_OF_OPAQUE_BLOCK}"))
        level = found
    return [x for value in level for x in _flatten(value)]


def _is_open_cidr(text: str) -> bool:
    return bool(_OPEN_CIDR.match(text))


def _matches(texts: list, allowed: list) -> object:
    """True when a value is one of `allowed`, None when only unresolved values could say."""
    wanted = {norm(a) for a in allowed}
    if any(t in wanted for t in texts if t is not _UNRESOLVED):
        return True
    return None if _UNRESOLVED in texts else False


def _gate(attributes, gate: dict):
    texts = [norm(v) for v in values_at(attributes, gate["path"])]
    if not texts and "default" in gate:
        texts = [norm(gate["default"])]
    return _matches(texts, gate["in"])


def _exposed(clause: dict, text: str) -> bool:
    if clause.get("open_cidr"):
        return _is_open_cidr(text)
    if "public" in clause:
        return text in {norm(v) for v in clause["public"]}
    if "private" in clause:
        return text not in {norm(v) for v in clause["private"]}
    return False


def _shown(value) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def clause_issues(attributes: dict, clause: dict) -> list:
    """Issues of one exposure clause (at most one)."""
    path, note = clause["path"], clause.get("note")
    suffix = f" ({note})" if note else ""
    if "if_present" in clause and not values_at(attributes, clause["if_present"]):
        return []
    for gate_name in ("when", "unless"):
        gate = clause.get(gate_name)
        if gate is None:
            continue
        matched = _gate(attributes, gate)
        if matched is None:
            return [Issue(WARN, f"{gate['path']} cannot be resolved statically, so {path} cannot be judged")]
        if matched is (gate_name == "unless"):
            return []
    values = values_at(attributes, path)
    if clause.get("required"):
        if not values:
            return [Issue(FAIL, f"{path} is not set{suffix}")]
        # a block that is an expression (a dynamic block with an unknown for_each) may be absent
        if all(isinstance(v, Unresolved) and v.expression.endswith(_OF_OPAQUE_BLOCK) for v in values):
            return [Issue(WARN, f"{path} cannot be resolved statically{suffix}")]
        return []
    if clause.get("present"):
        if any(norm(v) is not _UNRESOLVED for v in values):
            return [Issue(FAIL, f"{path} is set{suffix}")]
        return [Issue(WARN, f"{path} cannot be resolved statically{suffix}")] if values else []
    defaulted = not values
    if defaulted:
        if "default" not in clause:
            return []
        if clause["default"] == "unknown":
            return [Issue(WARN, f"{path} is not set{suffix}")]
        values = [clause["default"]]
    texts = [norm(v) for v in values]
    exposed = [t for t in texts if t is not _UNRESOLVED and _exposed(clause, t)]
    if exposed:
        shown = f"is not set (default {_shown(clause['default'])})" if defaulted else f"= {exposed[0]}"
        return [Issue(FAIL, f"{path} {shown}{suffix}")]
    if _UNRESOLVED in texts:
        return [Issue(WARN, f"{path} cannot be resolved statically{suffix}")]
    return []


def exposure(view, spec: list, config: PerimeterConfig) -> list:
    """Public switches, required VPC blocks and open CIDRs: any clause of the spec exposes."""
    return [issue for clause in spec for issue in clause_issues(view.attributes, clause)]


def reference_type(value, view) -> str | None:
    """The resource type a value refers to (Terraform reference or CloudFormation resource)."""
    text = value.expression if isinstance(value, Unresolved) else value if isinstance(value, str) else ""
    match = _TF_REFERENCE.search(text)
    if match:
        return match.group(1)
    match = _CFN_REFERENCE.search(text)
    if match and view.type_of is not None:
        return view.type_of(match.group(1))
    return None


def _gateway_kind(value, view) -> str:
    """internet, other, none or unknown."""
    text = norm(value)
    if text is _ABSENT:
        return "none"
    if text is not _UNRESOLVED:
        if text.startswith("igw-"):
            return "internet"
        if text.startswith("vgw-") or text == "local":
            return "other"
    kind = reference_type(value, view)
    if kind is None:
        return "unknown"
    return "internet" if kind in _INTERNET_GATEWAY_TYPES else "other"


def internet_route(view, spec: dict, config: PerimeterConfig) -> list:
    """Routes of 0.0.0.0/0 or ::/0 to an internet, NAT or egress-only internet gateway."""
    attributes = view.attributes
    if not spec["routes"]:
        blocks = [attributes]
    else:
        raw = attributes.get(spec["routes"])
        blocks = raw if isinstance(raw, list) else [] if norm(raw) is _ABSENT else [raw]
    issues = []
    for block in blocks:
        if not isinstance(block, dict):
            issues.append(Issue(WARN, f"{spec['routes']} cannot be resolved statically"))
            continue
        destinations = [norm(block.get(a)) for a in spec["destinations"]]
        default = next((d for d in destinations if d not in (_ABSENT, _UNRESOLVED) and _is_open_cidr(d)), None)
        unknown_destination = _UNRESOLVED in destinations
        if default is None and not unknown_destination:
            continue
        targets = [f"{a}" for a in spec["internet"] if norm(block.get(a)) is not _ABSENT]
        kinds = {a: _gateway_kind(block.get(a), view) for a in spec["gateways"]}
        targets += [a for a, k in kinds.items() if k == "internet"]
        if targets and default is not None:
            issues.append(Issue(FAIL, f"route {default} goes to {targets[0]} (internet access)"))
        elif targets or "unknown" in kinds.values():
            issues.append(Issue(WARN, "the route's destination or gateway cannot be resolved statically"))
    return issues


def endpoint_without_policy(view, spec: str, config: PerimeterConfig) -> list:
    """A VPC endpoint with no policy gets the default one: full access for any principal."""
    attributes = view.attributes
    terraform = view.framework == "terraform"
    endpoint_type = _text(attributes.get("vpc_endpoint_type" if terraform else "VpcEndpointType")) or "Gateway"
    service = _text(attributes.get("service_name" if terraform else "ServiceName"))
    if endpoint_type.lower() in _NO_POLICY_TYPES or service.startswith(_PARTNER_SERVICE_PREFIX):
        return []
    if attributes.get(spec) not in (None, "", {}, []):
        return []
    if view.referrers is not None and view.referrers(_ENDPOINT_POLICY_TYPE):
        return []
    return [
        Issue(
            FAIL,
            f"{endpoint_type} endpoint{f' for {service}' if service else ''} has no endpoint policy: the default "
            "policy allows every principal, including identities outside your organization",
        )
    ]


RESOURCE_CHECKS = {
    "endpoint_without_policy": endpoint_without_policy,
    "exposure": exposure,
    "internet_route": internet_route,
}
