"""Resolve CloudFormation intrinsic functions as far as a template allows.

`Ref` to a parameter with a Default becomes the default; `AWS::AccountId` stays the
token `${AWS::AccountId}` ("this account", i.e. yours); a `Ref`/`Fn::GetAtt` of a
resource the template creates becomes `${AWS::StackResource:<id>}` (created in this
account); anything else only known at deploy time becomes a `${...}` string inside
text, or `Unresolved` where it is the whole value.
"""

from __future__ import annotations

import re

from perimeter_checks.policy.values import Unresolved

_PSEUDO_KEEP = {"AWS::AccountId", "AWS::Region", "AWS::StackName", "AWS::StackId", "AWS::URLSuffix"}
_NO_VALUE = object()
_SUB_VARIABLE = re.compile(r"\$\{(!?)([^}]*)\}")
MAX_DEPTH = 64


def _parameter_default(name: str, parameters: dict):
    spec = parameters.get(name)
    if isinstance(spec, dict) and "Default" in spec:
        default = spec["Default"]
        if str(spec.get("Type", "")).startswith("CommaDelimitedList") or str(spec.get("Type", "")).startswith("List<"):
            return [part.strip() for part in str(default).split(",")] if isinstance(default, str) else default
        return default
    return None


def stack_resource(reference: str) -> str:
    return "${AWS::StackResource:" + reference + "}"


def _ref(name, parameters: dict, resources=frozenset()):
    name = str(name)
    if name == "AWS::NoValue":
        return _NO_VALUE
    if name == "AWS::Partition":
        return "aws"
    if name in _PSEUDO_KEEP:
        return "${" + name + "}"
    if name in resources:
        return stack_resource(name)
    default = _parameter_default(name, parameters)
    return default if default is not None else "${" + name + "}"


def _sub(template: str, variables: dict, parameters: dict, resources=frozenset()) -> str:
    def replace(match):
        if match.group(1) == "!":
            return "${" + match.group(2) + "}"
        name = match.group(2).strip()
        if name in variables:
            value = variables[name]
        else:
            value = _ref(name, parameters, resources) if "." not in name else stack_resource(name)
        if isinstance(value, Unresolved) or value is _NO_VALUE:
            return "${" + name + "}"
        if isinstance(value, list):
            return ",".join(map(str, value))
        return str(value)

    return _SUB_VARIABLE.sub(replace, template)


def resolve_intrinsics(value, parameters: dict | None = None, resources=frozenset(), _depth: int = 0):
    """Resolve a CloudFormation value; drops Checkov/loader bookkeeping keys ("__...").

    `parameters` is the template's Parameters section, `resources` its logical IDs.
    """
    parameters = parameters if isinstance(parameters, dict) else {}
    if _depth > MAX_DEPTH:
        return Unresolved("nesting too deep")
    if isinstance(value, list):
        items = [resolve_intrinsics(v, parameters, resources, _depth + 1) for v in value]
        return [v for v in items if v is not _NO_VALUE]
    if not isinstance(value, dict):
        return value
    keys = [k for k in value if not str(k).startswith("__")]
    if len(keys) == 1 and (keys[0] == "Ref" or str(keys[0]).startswith("Fn::")):
        return _intrinsic(keys[0], value[keys[0]], parameters, resources, _depth)
    resolved = {}
    for key in keys:
        item = resolve_intrinsics(value[key], parameters, resources, _depth + 1)
        if item is not _NO_VALUE:
            resolved[key] = item
    return resolved


def _intrinsic(name: str, argument, parameters: dict, resources, depth: int):
    if name == "Ref":
        return _ref(argument, parameters, resources)
    if name == "Fn::GetAtt":
        parts = argument if isinstance(argument, list) else str(argument).split(".", 1)
        return stack_resource(".".join(str(p) for p in parts))
    if name == "Fn::Sub":
        if isinstance(argument, str):
            return _sub(argument, {}, parameters, resources)
        if isinstance(argument, list) and len(argument) == 2 and isinstance(argument[0], str):
            variables = resolve_intrinsics(argument[1], parameters, resources, depth + 1)
            return _sub(argument[0], variables if isinstance(variables, dict) else {}, parameters, resources)
        return Unresolved("Fn::Sub")
    if name == "Fn::Join":
        if isinstance(argument, list) and len(argument) == 2:
            parts = resolve_intrinsics(argument[1], parameters, resources, depth + 1)
            if isinstance(parts, list) and all(isinstance(p, (str, int, float)) for p in parts):
                return str(argument[0]).join(str(p) for p in parts)
        return Unresolved("Fn::Join")
    if name == "Fn::Select":
        if isinstance(argument, list) and len(argument) == 2:
            items = resolve_intrinsics(argument[1], parameters, resources, depth + 1)
            try:
                return items[int(argument[0])]
            except (TypeError, ValueError, IndexError, KeyError):
                pass
        return Unresolved("Fn::Select")
    if name == "Fn::If" and isinstance(argument, list) and len(argument) == 3:
        branches = [resolve_intrinsics(b, parameters, resources, depth + 1) for b in argument[1:]]
        if branches[0] == branches[1]:
            return branches[0]
        return Unresolved(f"Fn::If {argument[0]}")
    return Unresolved(name)
