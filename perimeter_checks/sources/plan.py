"""Terraform plan JSON (`terraform show -json`) -> ResourceViews.

Resources come from `planned_values` (root and nested child modules) merged with
`resource_changes[].change.after`. An attribute that is configured but unknown until
apply (`after_unknown` true, present in `configuration`) becomes `Unresolved`, or the
`data.aws_iam_policy_document.<name>.json` reference it was built from, so the rules
warn (or resolve the document) instead of passing it silently.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from perimeter_checks.policy.terraform import document_from_data_block
from perimeter_checks.policy.values import Unresolved
from perimeter_checks.rules import ResourceView

_INDEX = re.compile(r"\[[^\]]*\]")
_DOCUMENT_REFERENCE = re.compile(r"^data\.aws_iam_policy_document\.[\w-]+\.json$")
_RESOURCE_REFERENCE = re.compile(r"^(aws_[a-z0-9_]+\.[\w-]+)")


def is_plan(document) -> bool:
    return isinstance(document, dict) and (
        "planned_values" in document or "resource_changes" in document
    ) and ("format_version" in document or "terraform_version" in document)


def _map(value) -> dict:
    return value if isinstance(value, dict) else {}


def _seq(value) -> list:
    return value if isinstance(value, list) else []


def _path(value, *keys) -> dict:
    """Nested mappings of a plan, {} where the plan has something else (plans can be hand-made)."""
    for key in keys:
        value = _map(value).get(key)
    return _map(value)


def _walk_modules(module: dict):
    """Every module of planned_values (root first), each with its resources."""
    if not isinstance(module, dict):
        return
    yield module
    for child in _seq(module.get("child_modules")):
        yield from _walk_modules(child)


def _configured_expressions(document: dict) -> dict:
    """Address without instance keys -> {attribute: expression} from `configuration`."""
    found: dict = {}

    def walk(module: dict, prefix: str) -> None:
        if not isinstance(module, dict):
            return
        for resource in _seq(module.get("resources")):
            if isinstance(resource, dict) and resource.get("mode", "managed") == "managed":
                found[prefix + str(resource.get("address"))] = _map(resource.get("expressions"))
        for name, call in _map(module.get("module_calls")).items():
            walk(_path(call, "module"), f"{prefix}module.{name}.")

    walk(_path(document, "configuration", "root_module"), "")
    return found


def _expression_references(expression) -> set:
    if isinstance(expression, dict):
        found = {str(r) for r in _seq(expression.get("references"))}
        return found.union(*(_expression_references(v) for k, v in expression.items() if k != "references"))
    if isinstance(expression, list):
        return set().union(*(_expression_references(v) for v in expression))
    return set()


def referrer_index(document: dict) -> dict:
    """Referenced resource address (no instance keys) -> [(type, referring address)]."""
    index: dict = {}
    for address, expressions in _configured_expressions(document).items():
        prefix, _, local = address.rpartition("module.")
        module = address[: len(address) - len(local.split(".", 1)[1])] if prefix or address.startswith("module.") else ""
        resource_type = address.rsplit(".", 2)[-2]
        for reference in _expression_references(expressions):
            match = _RESOURCE_REFERENCE.match(reference)
            if match:
                index.setdefault(module + match.group(1), set()).add((resource_type, address))
    return index


def unknown_configured_values(document: dict) -> dict:
    """address -> {attribute: placeholder} for attributes configured but known only after apply."""
    expressions = _configured_expressions(document)
    unknown: dict = {}
    for change in _seq(document.get("resource_changes")):
        if not isinstance(change, dict) or change.get("mode", "managed") != "managed":
            continue
        after_unknown = _path(change, "change").get("after_unknown")
        configured = expressions.get(_INDEX.sub("", str(change.get("address"))), {})
        if not isinstance(after_unknown, dict):
            continue
        for attribute, is_unknown in after_unknown.items():
            if is_unknown is True and attribute in configured:
                unknown.setdefault(change["address"], {})[attribute] = _placeholder(configured[attribute])
    return unknown


def _placeholder(expression) -> object:
    references = _seq(_map(expression).get("references"))
    for reference in references:
        if _DOCUMENT_REFERENCE.match(str(reference)):
            return str(reference)
    shown = ", ".join(str(r) for r in references[:2]) or "an expression"
    return Unresolved(f"known after apply (from {shown})")


@functools.lru_cache(maxsize=16)
def _unknown_in_file(path: str, modified: float) -> dict:
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError, UnicodeDecodeError):
        return {}
    return unknown_configured_values(document) if is_plan(document) else {}


def unknown_values_of_file(path: str) -> dict:
    """unknown_configured_values() of a plan file on disk (cached by modification time)."""
    try:
        return _unknown_in_file(path, Path(path).stat().st_mtime)
    except OSError:
        return {}


def _module_prefix(address: str, resource_type: str, name: str) -> str:
    position = _INDEX.sub("", address).rfind(f"{resource_type}.{name}")
    return _INDEX.sub("", address)[:position] if position > 0 else ""


def _line_of(text: str, address: str) -> int:
    position = text.find(f'"address": {json.dumps(address)}') if text else -1
    return text.count("\n", 0, position) + 1 if position >= 0 else 0


def plan_views(document: dict, file: str = "", text: str = "") -> list:
    after = {
        str(change["address"]): _path(change, "change", "after")
        for change in _seq(document.get("resource_changes"))
        if isinstance(change, dict) and "address" in change
    }
    unknown = unknown_configured_values(document)
    referrers = referrer_index(document)
    documents: dict = {}
    managed = []
    sources = [_path(document, "planned_values", "root_module"), _path(document, "prior_state", "values", "root_module")]
    for source_index, root in enumerate(sources):
        for module in _walk_modules(root):
            for resource in _seq(module.get("resources")):
                if not isinstance(resource, dict):
                    continue
                if resource.get("mode") == "data" and resource.get("type") == "aws_iam_policy_document":
                    documents.setdefault(_INDEX.sub("", str(resource.get("address"))), _map(resource.get("values")))
                elif resource.get("mode", "managed") == "managed" and source_index == 0:
                    managed.append(resource)
    views = []
    for resource in managed:
        address = str(resource.get("address"))
        values = dict(_map(resource.get("values")))
        values.update(after.get(address) or {})
        for attribute, placeholder in unknown.get(address, {}).items():
            values.setdefault(attribute, placeholder)
        prefix = _module_prefix(address, str(resource.get("type")), str(resource.get("name")))

        def lookup(name: str, prefix=prefix):
            return documents.get(f"{prefix}data.aws_iam_policy_document.{name}")

        views.append(
            ResourceView(
                framework="terraform",
                type=str(resource.get("type")),
                address=address,
                attributes=values,
                resolve_document=lambda name, lookup=lookup: document_from_data_block(name, lookup),
                file=file,
                line=_line_of(text, address),
                referrers=lambda resource_type, key=_INDEX.sub("", address): tuple(
                    sorted(a for t, a in referrers.get(key, ()) if t == resource_type)
                ),
                peers=lambda: tuple(views),  # the plan is one unit
            )
        )
    return views
