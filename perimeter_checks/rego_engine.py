"""`scan --engine rego`: the Rego twin judges, in-process OPA or an `opa` binary evaluates.

Plan JSON and CloudFormation files go to Rego as they are (what conftest sees; YAML
in long form). Terraform `.tf` goes as resource views the scanner evaluated, because
conftest's HCL parser cannot resolve variables, locals or jsonencode(). The scanner's
own loaders only place findings (file, line) and read inline skips.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from perimeter_checks.config import PerimeterConfig
from perimeter_checks.engines import EngineUnavailable
from perimeter_checks.policy.document import PolicyUnresolved
from perimeter_checks.policy.terraform import document_reference
from perimeter_checks.policy.values import Unresolved
from perimeter_checks.rules import ResourceView

_RESULTS_QUERY = "data.main"
_EXEMPTED_QUERY = "data.perimeter_checks.lib.findings.exempted"
# Both documents in one query: OPA then evaluates the findings they share once, not twice.
_BOTH_QUERY = f"results := {_RESULTS_QUERY}; exempted := {_EXEMPTED_QUERY}"


def perimeter_data(config: PerimeterConfig) -> dict:
    """The config as conftest's `--data perimeter.yaml` would present it (data.perimeter)."""
    body = {key: value for key, value in config.values().items() if value}
    if config.exemptions:
        body["exemptions"] = [
            {"rule": e.rule, "resource": e.resource, "reason": e.reason,
             **({"expires": e.expires.isoformat()} if e.expires else {})}
            for e in config.exemptions
        ]
    return {"perimeter": body}


def _plain(value):
    if isinstance(value, Unresolved):
        return {"__unresolved__": value.expression}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _resolved_attributes(view: ResourceView):
    """Attributes with data.aws_iam_policy_document references replaced by their IAM JSON."""

    def resolve(value):
        name = document_reference(value)
        if name is not None and view.resolve_document is not None:
            try:
                return view.resolve_document(name).as_json()
            except PolicyUnresolved as exc:
                return {"__unresolved__": str(exc)}
        if isinstance(value, dict):
            return {k: resolve(v) for k, v in value.items()}
        if isinstance(value, list):
            return [resolve(v) for v in value]
        return _plain(value)

    return resolve(view.attributes)


def scanner_input(views: list) -> dict:
    return {
        "perimeter_views": [
            # unit: the module directory, so repository-level rules (organization perimeter
            # completeness) group resources as the other engines do.
            {"framework": v.framework, "type": v.type, "address": v.address, "attributes": _resolved_attributes(v),
             "unit": os.path.dirname(v.file)}
            for v in views
        ]
    }


def _policy_sources(rego_dir: Path) -> list:
    return [p for p in sorted(rego_dir.rglob("*.rego")) if not p.name.endswith("_test.rego")]


class _Embedded:
    """OPA v1 in-process (opa-golib-python-bindings)."""

    def __init__(self, rego_dir: Path, data: dict):
        from opa_bindings.engine import OpaEngine

        self.engine = OpaEngine()
        for path in _policy_sources(rego_dir):
            self.engine.add_policy(str(path.relative_to(rego_dir)), path.read_text(encoding="utf-8"))
        self.engine.add_data(data)

    def evaluate(self, document) -> tuple:
        from opa_bindings.engine import OpaError

        try:
            bindings = self.engine.eval_query(_BOTH_QUERY, document)
        except OpaError as exc:
            raise EngineUnavailable(f"Rego evaluation failed: {str(exc).splitlines()[0][:300]}") from None
        if not bindings:
            raise EngineUnavailable(f"Rego evaluation failed: {_RESULTS_QUERY} is undefined")
        return bindings[0]["results"], bindings[0]["exempted"]


class _OpaBinary:
    """`opa eval` on PATH, for machines without the Python bindings."""

    def __init__(self, rego_dir: Path, data: dict, opa: str):
        self.rego_dir, self.opa = rego_dir, opa
        self.data_file = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
        json.dump(data, self.data_file)
        self.data_file.close()

    def evaluate(self, document) -> tuple:
        with tempfile.NamedTemporaryFile("w", suffix=".json") as handle:
            json.dump(document, handle)
            handle.flush()
            arguments = [self.opa, "eval", "--format", "json", "-i", handle.name, "-d", self.data_file.name]
            for path in _policy_sources(self.rego_dir):
                arguments += ["-d", str(path)]
            answers = []
            for query in (_RESULTS_QUERY, _EXEMPTED_QUERY):
                completed = subprocess.run(arguments + [query], capture_output=True, text=True)
                if completed.returncode != 0:
                    raise EngineUnavailable(f"opa eval failed: {completed.stderr.strip().splitlines()[-1:]}")
                result = json.loads(completed.stdout).get("result") or [{"expressions": [{"value": {}}]}]
                answers.append(result[0]["expressions"][0]["value"])
        return answers[0], answers[1]


def open_engine(rego_dir: Path, config: PerimeterConfig):
    data = perimeter_data(config)
    try:
        import opa_bindings.engine  # noqa: F401
    except ImportError:
        opa = shutil.which("opa")
        if opa:
            return _OpaBinary(rego_dir, data, opa)
        raise EngineUnavailable(
            "no Rego engine: pip install --no-deps --ignore-requires-python opa-golib-python-bindings==0.4.4, "
            "or put `opa` on PATH"
        ) from None
    return _Embedded(rego_dir, data)


def rows(results: dict, exempted) -> list:
    """(rule_id, resource, verdict, msg, exemption reason or None) from data.main and exempted."""
    found = []
    for name, entries in sorted((results or {}).items()):
        verdict = "fail" if name.startswith(("deny", "violation")) else "warn" if name.startswith("warn") else None
        if verdict is None or not isinstance(entries, list):
            continue
        for entry in entries:
            found.append((entry["rule_id"], entry["resource"], verdict, entry["msg"], None))
    for entry in exempted or []:
        verdict = "warn" if "UNVERIFIED" in entry["msg"] else "fail"
        found.append((entry["rule_id"], entry["resource"], verdict, entry["msg"], entry.get("exemption")))
    return found
