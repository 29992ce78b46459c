"""Terraform-specific policy forms: attribute unwrapping and aws_iam_policy_document blocks.

Checkov and bc-python-hcl2 both wrap every attribute value in a one-element list;
`unwrap_attributes` returns plain values with blocks as lists of dicts. A policy
written as `data.aws_iam_policy_document.<name>.json` is resolved from the data
block in the same module, including its source/override documents.
"""

from __future__ import annotations

import re
from typing import Callable, Optional

from perimeter_checks.policy.document import PolicyDocument, PolicyUnresolved, parse_policy, policy_from_document_blocks

_META_KEYS = {"start_line", "end_line", "references_"}
DOCUMENT_REFERENCE = re.compile(
    r"^\$?\{?data\.aws_iam_policy_document\.(?P<name>[\w-]+)(?:\[[^\]]*\])?\.(?:json|minified_json)\}?$"
)
_MERGED_DOCUMENT_KEYS = ("source_policy_documents", "override_policy_documents", "source_json", "override_json")
MAX_DOCUMENT_DEPTH = 8


def unwrap_attributes(value):
    """Plain attribute values from list-wrapped HCL/plan values; drops bookkeeping keys."""
    if isinstance(value, dict):
        return {
            k: unwrap_attributes(v[0] if isinstance(v, list) and len(v) == 1 and not isinstance(v[0], dict) else v)
            for k, v in value.items()
            if not str(k).startswith("__") and k not in _META_KEYS
        }
    if isinstance(value, list):
        return [unwrap_attributes(v) for v in value]
    return value


def document_reference(value) -> Optional[str]:
    """The data source name when the value is `data.aws_iam_policy_document.<name>.json`."""
    if not isinstance(value, str):
        return None
    match = DOCUMENT_REFERENCE.match(value.strip())
    return match.group("name") if match else None


def _as_list(value) -> list:
    if value in (None, "", []):
        return []
    return list(value) if isinstance(value, list) else [value]


def document_from_data_block(
    name: str, lookup: Callable[[str], Optional[dict]], depth: int = 0
) -> PolicyDocument:
    """Statements of `data.aws_iam_policy_document.<name>` (unwrapped block from `lookup`)."""
    if depth > MAX_DOCUMENT_DEPTH:
        raise PolicyUnresolved("policy documents nest too deeply")
    block = lookup(name)
    if block is None:
        raise PolicyUnresolved(f"data.aws_iam_policy_document.{name} was not found in the module")
    statements = list(policy_from_document_blocks(block.get("statement")).statements)
    for key in _MERGED_DOCUMENT_KEYS:
        for extra in _as_list(block.get(key)):
            nested = document_reference(extra)
            merged = document_from_data_block(nested, lookup, depth + 1) if nested else parse_policy(extra)
            statements.extend(merged.statements)
    return PolicyDocument(statements=tuple(statements))
