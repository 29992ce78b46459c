"""conftest semantics over real OPA (opa-golib-python-bindings, OPA v1.20 in-process).

What `conftest test -p rego/ --data perimeter.yaml FILE` does, reproduced around the Go
engine: load every .rego (tests excluded), rejecting `deny if`/`deny[x] if` like
conftest's problematicIf check; put the --data files under data; add
data.conftest.file.{name,dir}; query the rules of namespace `main` whose names match
^(deny|violation)(_[a-zA-Z0-9]+)*$ (failures) or ^warn(_[a-zA-Z0-9]+)*$ (warnings);
require every result to be a string or an object with a string `msg` ("" = pass);
and drop a rule when data.main.exception[_][_] names it (the rule name without its
deny_/violation_/warn_ prefix). OPA here uses strict builtin errors; conftest does not,
so a builtin error that conftest would swallow fails loudly here (stricter, never laxer).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import yaml
from opa_bindings.engine import OpaEngine

ROOT = Path(__file__).resolve().parents[1]
REGO_DIR = ROOT / "rego"
FAIL_RULE = re.compile(r"^(deny|violation)(_[a-zA-Z0-9]+)*$")
WARN_RULE = re.compile(r"^warn(_[a-zA-Z0-9]+)*$")
_PROBLEMATIC_IF = re.compile(r"^\s*(deny|violation|warn)[\w]*(\[[^\]]*\])?\s+if\b", re.MULTILINE)


def policy_files(include_tests: bool = False) -> list:
    files = sorted(REGO_DIR.rglob("*.rego"))
    return [f for f in files if include_tests or not f.name.endswith("_test.rego")]


def new_engine(include_tests: bool = False, data: dict | None = None) -> OpaEngine:
    engine = OpaEngine()
    for path in policy_files(include_tests):
        source = path.read_text(encoding="utf-8")
        match = _PROBLEMATIC_IF.search(source)
        if match:
            raise ValueError(f"{path}: rule is using 'if' keyword without 'contains' keyword: {match.group(0)!r}")
        engine.add_policy(str(path.relative_to(ROOT)), source)
    if data:
        engine.add_data(data)
    return engine


def load_data_file(path) -> dict:
    """conftest --data: a YAML/JSON file's top-level keys become data.<key>."""
    text = Path(path).read_text(encoding="utf-8")
    return (json.loads(text) if str(path).endswith(".json") else yaml.safe_load(text)) or {}


class Conftest:
    """One engine with the policies and --data loaded; test() judges one parsed input file."""

    def __init__(self, data: dict | None = None, namespace: str = "main"):
        self.namespace = namespace
        self.data = data or {}
        self.engine = new_engine(data=self.data)
        self._engines = {}

    @functools.cached_property
    def rule_names(self) -> list:
        package = self.engine.eval_document(self.namespace, {})
        return sorted(name for name in package if isinstance(name, str))

    def _exceptions(self, input_doc) -> set:
        rows = self.engine.eval_query(f"x := data.{self.namespace}.exception[_][_]", input_doc)
        return {row["x"] for row in rows}

    def test(self, input_doc, filename: str = "input.json") -> dict:
        """{"failures": [...], "warnings": [...], "exceptions": [...]} like conftest --output json."""
        path = Path(filename)
        # OPA data cannot be overwritten, so each input file name gets its own engine.
        key = (path.name, str(path.parent))
        if key not in self._engines:
            self._engines[key] = new_engine(
                data={**self.data, "conftest": {"file": {"name": path.name, "dir": str(path.parent)}}}
            )
        self.engine = self._engines[key]
        package = self.engine.eval_document(self.namespace, input_doc)
        try:
            excepted = self._exceptions(input_doc)
        except Exception:  # no exception rule
            excepted = set()
        out = {"failures": [], "warnings": [], "exceptions": []}
        for name in sorted(package):
            if FAIL_RULE.match(name):
                kind = "failures"
            elif WARN_RULE.match(name):
                kind = "warnings"
            else:
                continue
            short = re.sub(r"^(deny|violation|warn)_?", "", name)
            for result in package[name]:
                if isinstance(result, str):
                    message, metadata = result, {}
                elif isinstance(result, dict) and isinstance(result.get("msg"), str):
                    message = result["msg"]
                    metadata = {k: v for k, v in result.items() if k not in ("msg", "_loc")}
                else:
                    raise ValueError(f"{name}: msg field must be present and a string: {result!r}")
                if message == "":
                    continue
                metadata["query"] = f"data.{self.namespace}.{name}"
                entry = {"msg": message, "metadata": metadata}
                out["exceptions" if short in excepted else kind].append(entry)
        return out


def verdicts(report: dict) -> set:
    """(rule_id, resource, verdict) of a conftest report."""
    found = set()
    for kind, verdict in (("failures", "fail"), ("warnings", "warn")):
        for entry in report[kind]:
            found.add((entry["metadata"]["rule_id"], entry["metadata"]["resource"], verdict))
    return found
