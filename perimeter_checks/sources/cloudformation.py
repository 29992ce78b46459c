"""CloudFormation templates (JSON or YAML) -> ResourceViews.

YAML is read with a safe loader that turns the intrinsic short tags (`!Ref`, `!Sub`,
`!GetAtt`, ...) into their long form and refuses every other tag, so a template can
never construct Python objects. Properties are resolved with the template's own
Parameters and Resources (see perimeter_checks.policy.cloudformation).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import yaml

from perimeter_checks.policy.cloudformation import resolve_intrinsics
from perimeter_checks.rules import ResourceView
from perimeter_checks.safe_yaml import SafeLoader

MAX_ALIASES = 1000
# Aliases share nodes, so a small file can stand for billions of values (the "billion
# laughs"); a template is refused when its fully expanded tree exceeds this many nodes.
MAX_EXPANDED_NODES = 2_000_000
_FUNCTIONS = {
    "Ref": "Ref",
    "Condition": "Condition",
    **{
        name: f"Fn::{name}"
        for name in (
            "Sub", "GetAtt", "Join", "If", "Select", "Split", "FindInMap", "ImportValue", "Base64", "Cidr",
            "GetAZs", "Equals", "And", "Or", "Not", "Transform", "Length", "ToJsonString", "ForEach",
        )
    },
}


class TemplateError(ValueError):
    """A file that is not a readable template; one line for the user."""


class _TemplateLoader(SafeLoader):
    """SafeLoader plus CloudFormation's short tags; aliases are capped (YAML bombs).

    The caps are checked on the composed node graph, before anything is constructed: the
    C parser composes without calling back into Python, and aliases only share nodes, so
    the graph stays as small as the text.
    """

    def construct_document(self, node):
        aliases, expanded = _graph_size(node)
        if aliases > MAX_ALIASES:
            raise TemplateError(f"more than {MAX_ALIASES} YAML aliases")
        if expanded > MAX_EXPANDED_NODES:
            raise TemplateError(f"YAML aliases expand to more than {MAX_EXPANDED_NODES:,} values")
        return super().construct_document(node)


def _children(node: yaml.Node) -> list:
    if isinstance(node, yaml.ScalarNode):
        return []
    return [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else list(node.value)


def _graph_size(root: yaml.Node) -> tuple:
    """(aliases, nodes once every alias is expanded) of a composed graph; linear in its size.

    Aliases only share nodes, so every reference to a node beyond its first is one alias of
    the text. An alias inside its own anchor makes a cycle, which would expand forever.
    """
    sizes: dict = {}
    expanding: set = set()
    references = 0
    stack = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        children = _children(node)
        if children_done:
            sizes[id(node)] = 1 + sum(sizes[id(c)] for c in children)
            references += len(children)
            expanding.discard(id(node))
        elif id(node) in expanding:
            raise TemplateError("a YAML alias refers to its own anchor")
        elif id(node) not in sizes:
            expanding.add(id(node))
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
    return references - (len(sizes) - 1), sizes[id(root)]


def _intrinsic(loader: _TemplateLoader, suffix: str, node: yaml.Node):
    name = _FUNCTIONS.get(suffix)
    if name is None:
        raise TemplateError(f"unknown tag !{suffix} at line {node.start_mark.line + 1}")
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if name == "Fn::GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {name: value}


_TemplateLoader.add_multi_constructor("!", _intrinsic)
# CloudFormation reads an unquoted 2012-10-17 as text, and every engine needs JSON values.
for _tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"):
    _TemplateLoader.add_constructor(_tag, yaml.SafeLoader.construct_scalar)


def load_yaml(text: str):
    try:
        return yaml.load(text, Loader=_TemplateLoader)  # noqa: S506 - a SafeLoader subclass
    except TemplateError:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise TemplateError(f"invalid YAML{f' at line {mark.line + 1}' if mark else ''}") from None
    except RecursionError:
        raise TemplateError("YAML nests too deeply") from None


def load_template_file(path: str | Path):
    text = Path(path).read_text(encoding="utf-8")
    if str(path).lower().endswith(".json"):
        try:
            return json.loads(text)
        except (ValueError, RecursionError):
            raise TemplateError("invalid JSON") from None
    return load_yaml(text)


def is_template(document) -> bool:
    resources = document.get("Resources") if isinstance(document, dict) else None
    return isinstance(resources, dict) and bool(resources) and all(
        isinstance(r, dict) and isinstance(r.get("Type"), str) for r in resources.values()
    )


def template_context(document: dict) -> tuple:
    """(Parameters, logical IDs of Resources) for resolving intrinsics."""
    parameters = document.get("Parameters") if isinstance(document.get("Parameters"), dict) else {}
    return parameters, frozenset(document.get("Resources") or {})


def resource_types(document: dict) -> dict:
    """Logical ID -> resource Type of a template."""
    resources = document.get("Resources") if isinstance(document, dict) else None
    return {
        str(k): v.get("Type") for k, v in (resources or {}).items() if isinstance(v, dict) and isinstance(v.get("Type"), str)
    }


@functools.lru_cache(maxsize=64)
def _cached_template(path: str, modified: float) -> tuple:
    """(document or None, context, types) of a file: read once however many checks ask about it."""
    try:
        document = load_template_file(path)
    except (OSError, UnicodeDecodeError, TemplateError):
        document = None
    if not is_template(document):
        return None, ({}, frozenset()), {}
    return document, template_context(document), resource_types(document)


def _template_file(path: str) -> tuple:
    try:
        return _cached_template(path, Path(path).stat().st_mtime)
    except OSError:
        return None, ({}, frozenset()), {}


def template_of_file(path: str) -> dict | None:
    """The template of a file Checkov scans (shared: do not modify); None when it is not one."""
    return _template_file(path)[0]


def types_of_file(path: str) -> dict:
    """resource_types() of a template Checkov scans; empty when the file cannot be read."""
    return _template_file(path)[2]


def context_of_file(path: str) -> tuple:
    """Template context for a file Checkov scans; empty when the file cannot be read."""
    return _template_file(path)[1]


def _metadata_skips(resource: dict) -> tuple:
    """Checkov's CloudFormation suppressions: Metadata.checkov.skip[{id, comment}]."""
    metadata = resource.get("Metadata")
    entries = ((metadata or {}).get("checkov") or {}).get("skip") if isinstance(metadata, dict) else None
    skips = []
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            skips.append((entry["id"], str(entry.get("comment") or "inline skip")))
    return tuple(sorted(skips))


def _line_of(text_lines: list, logical_id: str) -> int:
    pattern = re.compile(r'^\s*"?' + re.escape(logical_id) + r'"?\s*:')
    for number, line in enumerate(text_lines, 1):
        if pattern.match(line):
            return number
    return 0


def template_views(document: dict, file: str = "", text: str = "") -> list:
    parameters, resources = template_context(document)
    types = resource_types(document)
    lines = text.splitlines() if text else []
    views = []
    for logical_id, resource in document["Resources"].items():
        properties = resolve_intrinsics(resource.get("Properties") or {}, parameters, resources)
        views.append(
            ResourceView(
                framework="cloudformation",
                type=resource["Type"],
                address=str(logical_id),
                attributes=properties if isinstance(properties, dict) else {},
                file=file,
                line=_line_of(lines, str(logical_id)),
                skips=_metadata_skips(resource),
                type_of=types.get,
                peers=lambda: tuple(views),  # the template is one unit
            )
        )
    return views
