"""The Rego suites: every _test.rego through real OPA in-process, the real CLIs when present,
METADATA against the catalog, the generated catalog being current, and conftest's contract."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from perimeter_checks.catalog import load_catalog

from rego_runner import FAIL_RULE, REGO_DIR, ROOT, WARN_RULE, new_engine, policy_files

sys.path.insert(0, str(ROOT))
from tools import gen_rego_catalog  # noqa: E402

TEST_FILES = sorted(REGO_DIR.rglob("*_test.rego"))
_PACKAGE = re.compile(r"^package\s+([\w.]+)", re.MULTILINE)
_TEST_RULE = re.compile(r"^(test_\w+)\s+if\b", re.MULTILINE)


@pytest.fixture(scope="module")
def engine():
    return new_engine(include_tests=True)


def _tests():
    for path in TEST_FILES:
        text = path.read_text(encoding="utf-8")
        package = _PACKAGE.search(text).group(1)
        for name in sorted(set(_TEST_RULE.findall(text))):
            yield pytest.param(package, name, id=f"{path.stem}::{name}")


def test_every_rule_has_a_test_file():
    rule_files = [p for p in policy_files() if p.parent.name == "rules"]
    missing = [p.name for p in rule_files if not p.with_name(p.stem + "_test.rego").exists()]
    assert not missing
    assert all(_PACKAGE.search(p.read_text()).group(1).endswith("_test") for p in TEST_FILES)


@pytest.mark.parametrize("package,name", list(_tests()))
def test_rego_unit_test(engine, package, name):
    """Like `opa test`: the test rule must be defined and true."""
    value = engine.eval_document(f"{package}.{name}", {})
    assert value is True


def test_opa_test_cli():
    opa = shutil.which("opa")
    if not opa:
        pytest.skip("opa is not on PATH (the in-process OPA v1.20 ran every _test.rego above)")
    result = subprocess.run([opa, "test", str(REGO_DIR)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_conftest_verify_cli():
    conftest = shutil.which("conftest")
    if not conftest:
        pytest.skip("conftest is not on PATH (tests/rego_runner.py reproduces its semantics over real OPA)")
    result = subprocess.run([conftest, "verify", "-p", str(REGO_DIR)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_conftest_test_cli_on_plan():
    conftest = shutil.which("conftest")
    if not conftest:
        pytest.skip("conftest is not on PATH")
    result = subprocess.run(
        [conftest, "test", "-p", str(REGO_DIR), "--data", str(ROOT / "examples/perimeter.yaml"),
         str(ROOT / "examples/plan/plan.json"), "--output", "json"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1 and "PERIM_" in result.stdout, result.stdout + result.stderr


def test_generated_catalog_is_current():
    assert not gen_rego_catalog.stale(), "run: python -m tools.gen_rego_catalog"


def test_metadata_matches_catalog(engine):
    catalog = {r.id: r for r in load_catalog().rules}
    seen = set()
    main = engine.eval_document("main", {})
    for path in policy_files():
        if path.parent.name != "rules":
            continue
        text = path.read_text(encoding="utf-8")
        rule_id = re.search(r"^#\s+rule_id:\s*(\S+)", text, re.MULTILINE).group(1)
        assert path.stem == rule_id.lower()
        rule = catalog[rule_id]
        block = re.match(r"((?:#.*\n)+)", text).group(1)
        meta = yaml.safe_load("\n".join(line[2:] for line in block.splitlines()[1:]))
        assert meta["title"] == rule.title, path.name
        assert meta["description"].strip(), path.name
        assert meta["custom"] == {"rule_id": rule.id, "mitigation": rule.mitigation.id, "severity": rule.severity}
        for prefix in ("deny", "warn"):
            name = f"{prefix}_{rule_id}"
            assert (FAIL_RULE if prefix == "deny" else WARN_RULE).match(name)
            assert name in main, f"{name} missing from package main"
        seen.add(rule_id)
    assert seen == set(catalog), f"rules without a Rego file: {sorted(set(catalog) - seen)}"


def test_every_catalog_check_has_a_rego_predicate(engine):
    """A catalog row whose check has no Rego twin would pass silently in conftest."""
    from perimeter_checks.rules.network import RESOURCE_CHECKS

    for check in sorted({r.check for r in load_catalog().rules}):
        if check in RESOURCE_CHECKS:
            # Attribute checks: the Rego twin must judge every spec of the catalog (an empty resource).
            for rule in (r for r in load_catalog().rules if r.check == check):
                for framework, table in (("terraform", rule.terraform), ("cloudformation", rule.cloudformation)):
                    for resource_type, spec in table.items():
                        view = {"framework": framework, "type": resource_type, "address": "x", "attributes": {}}
                        rows = engine.eval_query(
                            "x := data.perimeter_checks.lib.network.check(input.check, input.view, input.spec)",
                            {"check": check, "view": view, "spec": spec},
                        )
                        assert rows and isinstance(rows[0]["x"], list), f"no Rego twin for {check} on {resource_type}"
            continue
        rows = engine.eval_query(
            f'x := data.perimeter_checks.lib.analysis.predicate("{check}", {{"ok": true, "statements": []}}, '
            "data.perimeter_checks.lib.config.normalize({}))"
        )
        assert rows and rows[0]["x"] == [], f"no Rego predicate for check {check!r}"
