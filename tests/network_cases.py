"""Attributes that break, satisfy or cannot settle an attribute rule, derived from its spec.

Used by tests/test_rules.py (Python, every catalog resource type) and
tests/test_network_rules.py (Python against the Rego twin). Each case is
(label, attributes, expected verdicts) where expected is "fail" (a fail among the
verdicts), "pass" (no issue) or "warn" (warnings only).
"""

from __future__ import annotations

import copy
import json

UNRESOLVED = "${var.unknown}"


def set_path(attributes: dict, path: str, value) -> dict:
    """A copy of attributes with value at path ("a.b", "a[].b"); list blocks use their first item."""
    result = copy.deepcopy(attributes)
    target = result
    segments = path.split(".")
    for segment in segments[:-1]:
        key = segment[:-2] if segment.endswith("[]") else segment
        current = target.get(key)
        if isinstance(current, list) and current and isinstance(current[0], dict):
            target = current[0]
        elif isinstance(current, dict):
            target = current
        else:
            block: dict = {}
            target[key] = [block] if segment.endswith("[]") else block
            target = block
    last = segments[-1]
    key = last[:-2] if last.endswith("[]") else last
    target[key] = value
    return result


def _other(value):
    if isinstance(value, bool):
        return not value
    return "something-else"


def _clause_values(clause: dict) -> tuple:
    """(bad value, good value) of a clause; None means "leave the attribute absent"."""
    if clause.get("required"):
        return None, ["subnet-0a1b2c3d"]
    if clause.get("present"):
        return ["eipalloc-0a1b2c3d"], None
    if clause.get("open_cidr"):
        return ["0.0.0.0/0"], ["10.0.0.0/8"]
    if "public" in clause:
        return clause["public"][0], _other(clause["public"][0])
    return _other(clause["private"][0]), clause["private"][0]


def _with_gates(attributes: dict, clause: dict) -> dict:
    if "when" in clause:
        attributes = set_path(attributes, clause["when"]["path"], clause["when"]["in"][0])
    if "unless" in clause:
        attributes = set_path(attributes, clause["unless"]["path"], "application")
    return attributes


def _good(spec: list) -> dict:
    attributes: dict = {}
    for clause in spec:
        _, good = _clause_values(clause)
        if good is not None:
            attributes = set_path(attributes, clause["path"], good)
        attributes = _with_gates(attributes, clause)
    return attributes


def exposure_cases(spec: list) -> list:
    good = _good(spec)
    cases = [("good", good, "pass")]
    for index, clause in enumerate(spec):
        bad_value, _ = _clause_values(clause)
        if bad_value is None:
            bad = _with_gates({}, clause)
        else:
            bad = _with_gates(set_path({}, clause["path"], bad_value), clause)
            if "if_present" in clause:  # the block must exist for the clause to apply
                bad = set_path(good, clause["path"], bad_value)
        cases.append((f"bad-{index}", bad, "fail"))
        if not clause.get("required"):
            cases.append((f"unresolved-{index}", set_path(good, clause["path"], UNRESOLVED), "warn"))
        for gate in ("when", "unless"):
            if gate in clause:
                cases.append((f"unresolved-{gate}-{index}", set_path(good, clause[gate]["path"], UNRESOLVED), "warn"))
    return cases


def route_cases(spec: dict) -> list:
    def block(**values):
        return values

    destination, internet, gateway = spec["destinations"][0], spec["internet"][0], spec["gateways"][0]
    routes = {
        "bad-nat": (block(**{destination: "0.0.0.0/0", internet: "nat-0a1b2c3d"}), "fail"),
        "bad-igw": (block(**{destination: "0.0.0.0/0", gateway: "igw-0a1b2c3d"}), "fail"),
        "good-narrow": (block(**{destination: "10.0.0.0/8", gateway: "igw-0a1b2c3d"}), "pass"),
        "good-vgw": (block(**{destination: "0.0.0.0/0", gateway: "vgw-0a1b2c3d"}), "pass"),
        "unresolved-gateway": (block(**{destination: "0.0.0.0/0", gateway: UNRESOLVED}), "warn"),
        "unresolved-destination": (block(**{destination: UNRESOLVED, internet: "nat-0a1b2c3d"}), "warn"),
    }
    if not spec["routes"]:
        return [(label, attributes, expected) for label, (attributes, expected) in routes.items()]
    return [(label, {spec["routes"]: [attributes]}, expected) for label, (attributes, expected) in routes.items()]


ENDPOINT_POLICY = json.dumps({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*",
                                             "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]})


def endpoint_cases(spec: str) -> list:
    return [("bad-no-policy", {}, "fail"), ("good-policy", {spec: ENDPOINT_POLICY}, "pass"),
            ("good-gwlb", {"vpc_endpoint_type": "GatewayLoadBalancer", "VpcEndpointType": "GatewayLoadBalancer"}, "pass")]


def cases_for(check: str, spec) -> list:
    if check == "exposure":
        return exposure_cases(spec)
    if check == "internet_route":
        return route_cases(spec)
    if check == "endpoint_without_policy":
        return endpoint_cases(spec)
    raise KeyError(check)


def verdict_matches(verdicts: list, expected: str) -> bool:
    if expected == "fail":
        return "fail" in verdicts
    if expected == "warn":
        return bool(verdicts) and set(verdicts) == {"warn"}
    return verdicts == []
