"""Raw .tf through conftest's HCL shape: never a silent pass.

conftest's hcl2 parser (hcl2json, Simplify off) is emulated from bc-python-hcl2: blocks
as lists, attributes unwrapped, expressions as "${...}" strings. Most examples write
policies with jsonencode(), which conftest cannot decode, so Rego warns where Checkov
(which evaluates jsonencode) fails. The contract checked here: every golden finding of
a .tf example is reported by Rego for the same rule and resource (fail or warn; module
resources carry no module path, since conftest reads one file at a time), and no
jsonencode() policy passes silently.
"""

from __future__ import annotations

import json
from pathlib import Path

import hcl2
import pytest
import yaml

from rego_runner import Conftest, load_data_file, verdicts

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
TF_FILES = sorted((EXAMPLES / "terraform").rglob("*.tf"))


def _unwrap(value):
    if isinstance(value, dict):
        return {
            k: _unwrap(v[0] if isinstance(v, list) and len(v) == 1 and not isinstance(v[0], dict) else v)
            for k, v in value.items()
            if not str(k).startswith("__")
        }
    if isinstance(value, list):
        return [_unwrap(v) for v in value]
    return value


def conftest_hcl(text: str) -> dict:
    raw = hcl2.loads(text)
    out: dict = {}
    for section in ("resource", "data"):
        for entry in raw.get(section, []):
            for type_name, named in entry.items():
                for name, body in named.items():
                    out.setdefault(section, {}).setdefault(type_name, {}).setdefault(name, []).append(_unwrap(body))
    return json.loads(json.dumps(out))


@pytest.fixture(scope="module")
def conftest():
    return Conftest(data=load_data_file(EXAMPLES / "perimeter.yaml"))


@pytest.mark.parametrize("path", TF_FILES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_terraform_examples_are_never_silent(conftest, path):
    document = conftest_hcl(path.read_text(encoding="utf-8"))
    found = verdicts(conftest.test(document, str(path)))
    reported = {(rule, resource) for rule, resource, _ in found}
    rows = yaml.safe_load((EXAMPLES / "golden.yaml").read_text(encoding="utf-8")) or []
    relative = str(path.relative_to(EXAMPLES))
    for row in rows:
        if row.get("file") != relative:
            continue
        resource = row["resource"].split("module.")[-1].split(".", 1)[-1] if row["resource"].startswith("module.") else row["resource"]
        assert (row["rule"], resource) in reported, f"{row} passed silently under conftest's HCL parser"
    for type_name, named in (document.get("resource") or {}).items():
        for name, blocks in named.items():
            text = json.dumps(blocks)
            if "${jsonencode(" in text:
                assert any(res == f"{type_name}.{name}" for _, res in reported), f"{type_name}.{name}: jsonencode passed"
