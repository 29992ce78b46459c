"""Terraform HCL -> ResourceViews, evaluated per module the way Checkov renders them.

Parsing uses bc-python-hcl2 (the `hcl2` module Checkov pins; PyPI's python-hcl2
installs the same module name and breaks Checkov). Evaluated: variable defaults and
module inputs, locals, `jsonencode(...)`, heredocs, local child modules and
`data.aws_iam_policy_document` references. Everything else stays a `${...}` string,
which the rules report as unverifiable.
"""

from __future__ import annotations

import ast
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from perimeter_checks.exemptions import inline_skips
from perimeter_checks.policy.terraform import document_from_data_block, document_reference, unwrap_attributes
from perimeter_checks.policy.values import is_expression
from perimeter_checks.rules import ResourceView
from perimeter_checks.sources.hcl_expressions import UNKNOWN, ModuleScope, caller_document

SKIPPED_DIRS = {".terraform", ".git", "node_modules"}
MAX_MODULE_DEPTH = 16
MAX_RESOLVE_DEPTH = 32
_REFERENCE = re.compile(r"^(var|local)\.([\w-]+)((?:\.[\w-]+|\[\d+\]|\[\"[^\"]*\"\])*)$")
_STEP = re.compile(r"\.([\w-]+)|\[(\d+)\]|\[\"([^\"]*)\"\]")
# A reference to a managed resource inside an attribute value: aws_vpc_endpoint.s3.id
_RESOURCE_REFERENCE = re.compile(r"(?<![\w.\-])(aws_[a-z0-9_]+\.[\w-]+)(?:\[[^\]]*\])?\.[\w]+")
_MISSING = object()


class TerraformParseError(ValueError):
    """A .tf file that bc-python-hcl2 cannot parse; the message names the file."""


def parse_file(path: Path) -> dict:
    import hcl2  # deferred: the parser costs ~0.3 s to import

    try:
        with open(path, encoding="utf-8") as handle:
            return hcl2.load(handle)
    except UnicodeDecodeError:
        raise TerraformParseError(f"{path}: not UTF-8 text") from None
    except Exception as exc:  # the parser raises lark errors of many kinds
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise TerraformParseError(f"{path}: cannot parse HCL ({first[:160]})") from None


def _value(raw):
    """bc-python-hcl2 wraps each attribute value in a one-element list."""
    return raw[0] if isinstance(raw, list) and len(raw) == 1 else raw


@dataclass
class _Module:
    directory: Path
    prefix: str
    files: dict  # path -> parsed HCL
    scope: ModuleScope  # count, for_each and expressions, evaluated from the source text
    inputs: dict = field(default_factory=dict)
    # data.aws_iam_policy_document of the caller, passed in as arguments: alias -> block
    caller_documents: dict = field(default_factory=dict)
    _locals_done: dict = field(default_factory=dict)
    _resolving: set = field(default_factory=set)

    def blocks(self, kind: str):
        for path, parsed in self.files.items():
            for block in parsed.get(kind, []) or []:
                yield path, block

    def exists(self, path: Path, *header: str) -> bool:
        """False only when count is certainly 0 or for_each certainly empty."""
        return self.scope.instances(path, *header) != 0

    # ---------------------------------------------------------- scope

    def variable(self, name: str):
        if name in self.inputs:
            return self.inputs[name]
        for _, block in self.blocks("variable"):
            if name in block and isinstance(block[name], dict) and "default" in block[name]:
                return self.resolve(_value(block[name]["default"]))
        return _MISSING

    def local(self, name: str):
        if name in self._locals_done:
            return self._locals_done[name]
        if name in self._resolving:
            return _MISSING
        for _, block in self.blocks("locals"):
            if name in block:
                self._resolving.add(name)
                try:
                    value = self.resolve(_value(block[name]))
                finally:
                    self._resolving.discard(name)
                self._locals_done[name] = value
                return value
        return _MISSING

    # ---------------------------------------------------------- evaluation

    def resolve(self, value, depth: int = 0):
        if depth > MAX_RESOLVE_DEPTH:
            return value
        if isinstance(value, dict):
            return {k: self.resolve(v, depth + 1) for k, v in value.items()}
        if isinstance(value, list):
            return [self.resolve(v, depth + 1) for v in value]
        if isinstance(value, str) and "${" in value:
            return self._resolve_string(value, depth)
        return value

    def _resolve_string(self, text: str, depth: int):
        spans = _interpolations(text)
        if len(spans) == 1 and spans[0][0] == 0 and spans[0][1] == len(text):
            result = self._expression(text[2:-1].strip(), depth)
            return text if result is _MISSING else result
        pieces, last = [], 0
        for start, end in spans:
            pieces.append(text[last:start])
            result = self._expression(text[start + 2 : end - 1].strip(), depth)
            scalar = isinstance(result, (str, int, float)) and not isinstance(result, bool)
            pieces.append(str(result) if scalar else ("true" if result is True else "false") if isinstance(result, bool) else text[start:end])
            last = end
        pieces.append(text[last:])
        return "".join(pieces)

    def _expression(self, expression: str, depth: int):
        reference = _REFERENCE.match(expression)
        if reference:
            kind, name, path = reference.groups()
            value = self.variable(name) if kind == "var" else self.local(name)
            return _navigate(value, path) if value is not _MISSING else _MISSING
        if expression.startswith("jsonencode(") and expression.endswith(")"):
            argument = expression[len("jsonencode(") : -1].strip()
            if _REFERENCE.match(argument):
                return self._expression(argument, depth + 1)
            try:
                literal = ast.literal_eval(argument)
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                return _MISSING
            return self.resolve(literal, depth + 1)
        return _MISSING


def _interpolations(text: str) -> list:
    """(start, end) of each top-level ${...} in text, braces balanced."""
    spans, index = [], 0
    while True:
        start = text.find("${", index)
        if start < 0:
            return spans
        level, position, quote = 0, start + 1, None
        while position < len(text):
            char = text[position]
            if quote:
                if char == "\\":
                    position += 1
                elif char == quote:
                    quote = None
            elif char in "\"'":
                quote = char
            elif char == "{":
                level += 1
            elif char == "}":
                level -= 1
                if level == 0:
                    break
            position += 1
        if position >= len(text):
            return spans
        spans.append((start, position + 1))
        index = position + 1


def _navigate(value, path: str):
    for match in _STEP.finditer(path or ""):
        key = match.group(1) or match.group(3)
        try:
            value = value[int(match.group(2))] if match.group(2) is not None else value[key]
        except (KeyError, IndexError, TypeError):
            return _MISSING
    return value


@functools.lru_cache(maxsize=256)
def _lines(path: Path) -> list:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _module_source(block: dict, directory: Path) -> Path | None:
    source = _value(block.get("source"))
    if isinstance(source, str) and (source.startswith("./") or source.startswith("../")):
        return (directory / source).resolve()
    return None


@dataclass
class TerraformScan:
    roots: list  # per root module, its views: addresses are unique only within one root
    errors: list  # one-line messages


def _tf_directories(roots: list) -> dict:
    """directory -> sorted .tf files, skipping tool folders and symlink loops."""
    found: dict = {}
    for root in roots:
        root = Path(root)
        if root.is_file():
            if root.suffix == ".tf":  # a named file is judged in the context of its whole module
                found.setdefault(root.parent.resolve(), set()).update(p.resolve() for p in root.parent.glob("*.tf"))
            continue
        seen = set()
        for current, dirs, files in os.walk(root, followlinks=False):
            real = os.path.realpath(current)
            if real in seen:
                dirs[:] = []
                continue
            seen.add(real)
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
            tf_files = {Path(current, f).resolve() for f in files if f.endswith(".tf")}
            if tf_files:
                found.setdefault(Path(current).resolve(), set()).update(tf_files)
    return {d: sorted(files) for d, files in found.items()}


def scan_terraform(paths: list) -> TerraformScan:
    """Load every root module under the paths (modules called from another are not roots)."""
    directories = _tf_directories(paths)
    _lines.cache_clear()
    parsed: dict = {}
    errors = []
    for files in directories.values():
        for path in files:
            try:
                parsed[path] = parse_file(path)
            except TerraformParseError as exc:
                errors.append(str(exc))
    called = set()
    for path, content in parsed.items():
        for block in content.get("module", []) or []:
            for call in block.values():
                if isinstance(call, dict):
                    target = _module_source(call, path.parent)
                    if target:
                        called.add(target)
    roots: list = []
    sources: dict = {}  # path -> block attributes read from the source text, shared by every scope
    for directory, files in directories.items():
        if directory in called:
            continue
        module_files = {p: parsed[p] for p in files if p in parsed}
        module = _Module(directory, "", module_files, ModuleScope(list(module_files), cache=sources))
        views: list = []
        _collect(module, parsed, views, errors, depth=0, stack=(directory,), referrers={})
        requested = [v for v in views if _requested(Path(v.file), paths)]
        if requested:
            roots.append(requested)
    return TerraformScan(roots=roots, errors=errors)


def _requested(file: Path, paths: list) -> bool:
    """Named .tf files report only their own resources; folders report everything under them."""
    for path in map(Path, paths):
        resolved = path.resolve()
        if file == resolved or (path.is_dir() and resolved in file.parents):
            return True
    return False


def _load_files(directory: Path, parsed: dict, errors: list) -> dict:
    files = {}
    for path in sorted(directory.glob("*.tf")):
        path = path.resolve()
        if path not in parsed:
            try:
                parsed[path] = parse_file(path)
            except TerraformParseError as exc:
                errors.append(str(exc))
                continue
        files[path] = parsed[path]
    return files


def _references(value) -> set:
    """Managed resources (type.name) an attribute value refers to."""
    if isinstance(value, dict):
        return set().union(*(_references(v) for k, v in value.items() if not str(k).startswith("__")))
    if isinstance(value, list):
        return set().union(*(_references(v) for v in value))
    return set(_RESOURCE_REFERENCE.findall(value)) if isinstance(value, str) else set()


def _peers_in_directory(views: list, directory: str) -> tuple:
    return tuple(v for v in views if os.path.dirname(v.file) == directory)


def _referrers_of(index: dict, address: str, resource_type: str) -> tuple:
    return tuple(sorted(a for t, a in index.get(address, ()) if t == resource_type))


def _evaluate_expressions(module: _Module, path: Path, resource_type: str, name: str, attributes: dict) -> dict:
    """Top-level attributes the simple resolver left as `${...}`, evaluated from the source text
    when every part is known (conditionals, coalesce(), try(), module arguments and defaults)."""
    for key, value in list(attributes.items()):
        if isinstance(value, str) and is_expression(value) and document_reference(value) is None:
            evaluated = module.scope.attribute(path, ("resource", resource_type, name), key)
            if evaluated is None:
                del attributes[key]  # null: the argument is not set
            elif evaluated is not UNKNOWN:
                attributes[key] = evaluated
    return attributes


def _pass_document(value, module: _Module, documents: dict, lookup, passed: dict):
    """Arguments naming one of the caller's policy documents keep naming it in the child."""
    name = document_reference(value)
    if name is None or (name not in documents and name not in module.caller_documents):
        return value
    renamed = caller_document(value)
    passed[document_reference(renamed)] = functools.partial(lookup, name)
    return renamed


def _render_dynamic_blocks(module: _Module, path: Path, resource_type: str, name: str, attributes: dict) -> dict:
    """`dynamic "x"` blocks become attribute x the way Terraform expands them.

    A for_each that is certainly empty leaves x absent; a known non-empty one gives x its
    `content`; an undecidable one makes x an expression, so checks on it warn.
    """
    dynamic = attributes.pop("dynamic", None)
    for entry in dynamic if isinstance(dynamic, list) else [dynamic] if isinstance(dynamic, dict) else []:
        for block_name, spec in entry.items() if isinstance(entry, dict) else ():
            instances = module.scope.instances(path, "resource", resource_type, name, dynamic=block_name)
            if instances == 0:
                continue
            content = spec.get("content") if isinstance(spec, dict) else None
            known = isinstance(instances, int) and block_name not in attributes and content is not None
            attributes[block_name] = content if known else f"${{dynamic {block_name}}}"
    return attributes


def _collect(
    module: _Module, parsed: dict, views: list, errors: list, depth: int, stack: tuple, referrers: dict
) -> None:
    documents = {}
    for _, block in module.blocks("data"):
        for name, body in (block.get("aws_iam_policy_document") or {}).items():
            documents[name] = body

    def lookup(name: str):
        if name in module.caller_documents:
            return module.caller_documents[name]()
        body = documents.get(name)
        return None if body is None else unwrap_attributes(module.resolve(body))

    def resolve_document(name: str):
        return document_from_data_block(name, lookup)

    existing = [
        (path, resource_type, name, body)
        for path, block in module.blocks("resource")
        for resource_type, instances in block.items()
        if isinstance(instances, dict)
        for name, body in instances.items()
        if isinstance(body, dict) and module.exists(path, "resource", resource_type, name)
    ]
    for path, resource_type, name, body in existing:
        for target in _references(body):
            referrers.setdefault(module.prefix + target, []).append(
                (resource_type, f"{module.prefix}{resource_type}.{name}")
            )
    for path, resource_type, name, body in existing:
        start = int(body.get("__start_line__", 0) or 0)
        skips = inline_skips(_lines(path), start, int(body.get("__end_line__", start) or start))
        views.append(
            ResourceView(
                framework="terraform",
                type=resource_type,
                address=f"{module.prefix}{resource_type}.{name}",
                attributes=_render_dynamic_blocks(
                    module, path, resource_type, name,
                    _evaluate_expressions(module, path, resource_type, name, unwrap_attributes(module.resolve(body))),
                ),
                resolve_document=resolve_document,
                file=str(path),
                line=start,
                skips=tuple(sorted(skips.items())),
                referrers=functools.partial(_referrers_of, referrers, f"{module.prefix}{resource_type}.{name}"),
                # the module directory is one unit (organization perimeter completeness)
                peers=functools.partial(_peers_in_directory, views, os.path.dirname(str(path))),
            )
        )
    if depth >= MAX_MODULE_DEPTH:
        return
    for path, block in module.blocks("module"):
        for name, call in block.items():
            if not isinstance(call, dict) or not module.exists(path, "module", name):
                continue
            target = _module_source(call, module.directory)
            if target is None or target in stack or not target.is_dir():
                continue
            passed: dict = {}
            inputs = {
                key: _pass_document(module.resolve(_value(raw)), module, documents, lookup, passed)
                for key, raw in call.items()
                if not key.startswith("__") and key not in ("source", "version", "providers", "count", "for_each")
            }
            files = _load_files(target, parsed, errors)
            child = _Module(target, f"{module.prefix}module.{name}.", files, module.scope.child(path, name, list(files)),
                            inputs, caller_documents=passed)
            _collect(child, parsed, views, errors, depth + 1, stack + (target,), referrers)
