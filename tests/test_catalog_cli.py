"""The catalog is complete and consistent, and the CLI prints it and our folders."""

import json
import os
import re
import site
import subprocess
import sys
from pathlib import Path

from perimeter_checks import cli
from perimeter_checks.catalog import load_catalog
from perimeter_checks.policy.analysis import PREDICATES
from perimeter_checks.rules.permissions import PERMISSION_ADAPTERS
from perimeter_checks.rules.network import RESOURCE_CHECKS

ROOT = Path(__file__).resolve().parents[1]


def test_eight_mitigations_with_boundary_and_objective():
    catalog = load_catalog()
    assert [m.id for m in catalog.mitigations] == [f"M{i}" for i in range(1, 9)]
    assert {m.boundary for m in catalog.mitigations} <= {"identity", "resource", "network"}
    assert {m.objective for m in catalog.mitigations} <= {"Only My IAM", "Only My Resources", "Only My Networks"}


def test_rules_have_stable_perim_ids_and_a_predicate_for_every_carrier():
    rules = load_catalog().rules
    ids = [r.id for r in rules]
    assert len(ids) == len(set(ids))
    for rule in rules:
        assert re.fullmatch(r"PERIM_[A-Z0-9_]+", rule.id) and not rule.id.startswith("CKV")
        assert rule.check in PREDICATES or rule.check in RESOURCE_CHECKS
        assert rule.terraform, f"{rule.id} has no Terraform types"
        assert rule.name.startswith(f"[{rule.mitigation.id}] ")
        for spec in list(rule.terraform.values()) + list(rule.cloudformation.values()):
            if isinstance(spec, str) and spec.startswith("permission:"):
                assert spec.split(":", 1)[1] in PERMISSION_ADAPTERS


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "perimeter_checks.cli", *args], capture_output=True, text=True, cwd=ROOT
    )


def test_catalog_json_lists_every_rule_with_its_mitigation():
    result = run_cli("catalog", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["mitigations"]) == 8
    assert {r["id"] for r in data["rules"]} == {r.id for r in load_catalog().rules}
    for row in data["rules"]:
        for key in ("id", "mitigation", "boundary", "objective", "severity", "title", "terraform_types",
                    "cloudformation_types"):
            assert key in row
    s3 = next(r for r in data["rules"] if r["id"] == "PERIM_M3_S3_POLICY")
    assert s3["mitigation"] == "M3" and "aws_s3_bucket_policy" in s3["terraform_types"]
    assert "AWS::S3::BucketPolicy" in s3["cloudformation_types"]


def test_catalog_text_is_a_table():
    result = run_cli("catalog")
    assert result.returncode == 0
    assert "PERIM_M8_ROLE_TRUST_EXTERNAL" in result.stdout and "Mitigations:" in result.stdout


def test_path_checkov_is_an_external_checks_folder():
    folder = Path(run_cli("path", "checkov").stdout.strip())
    assert (folder / "__init__.py").is_file()
    modules = sorted(p.name for p in folder.glob("*.py") if not p.name.startswith("__"))
    assert modules == ["perimeter_cloudformation_checks.py", "perimeter_terraform_checks.py"]
    assert not list(folder.rglob("*.yaml")) and not list(folder.rglob("*.json"))


def test_path_from_a_non_editable_install(tmp_path):
    """`pip install .` (no editable link) still ships the checkov folder and the catalog."""
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "--target", str(target), str(ROOT)],
        check=True, capture_output=True,
    )
    result = subprocess.run(
        [sys.executable, "-c", "import sys, perimeter_checks.checkov_support, perimeter_checks.policy.analysis; "
         "from perimeter_checks.cli import main; sys.exit(main(['path', 'checkov']))"],
        capture_output=True, text=True, cwd=tmp_path, env={"PYTHONPATH": os.pathsep.join([str(target), *site.getsitepackages()]), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    folder = Path(result.stdout.strip())
    assert folder.is_relative_to(target) and (folder / "perimeter_terraform_checks.py").is_file()
    assert (target / "perimeter_checks" / "catalog.yaml").is_file()
    rego = subprocess.run(
        [sys.executable, "-c", "import sys; from perimeter_checks.cli import main; sys.exit(main(['path', 'rego']))"],
        capture_output=True, text=True, cwd=tmp_path, env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
    )
    rego_folder = Path(rego.stdout.strip())
    assert rego.returncode == 0 and rego_folder.is_relative_to(target)
    assert sorted(p.name for p in (rego_folder / "lib").glob("*.rego")) == sorted(
        p.name for p in (ROOT / "rego" / "lib").glob("*.rego"))
    assert len(list((rego_folder / "rules").glob("*.rego"))) == len(list((ROOT / "rego" / "rules").glob("*.rego")))


def test_check_config_reports_errors_in_one_line(tmp_path):
    bad = tmp_path / "perimeter.yaml"
    bad.write_text("perimeter:\n  org_ids: [nope]\n")
    result = run_cli("check-config", str(bad))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_main_is_the_console_entry_point():
    assert cli.main(["path", "checkov"]) == 0


def test_docs_mitigations_is_current():
    from perimeter_checks.docs import render_mitigations

    current = (ROOT / "docs" / "mitigations.md").read_text()
    assert current == render_mitigations(), "run: perimeter-checks docs --output docs/mitigations.md"
    for rule in load_catalog().rules:
        assert f"`{rule.id}`" in current
