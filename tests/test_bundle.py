"""`perimeter-checks bundle`: an OPA bundle that evaluates like the rego/ folder."""

import json
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from perimeter_checks.config import load_config_file
from perimeter_checks.rego_engine import perimeter_data, rows

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "examples" / "plan" / "plan.json"
CONFIG = ROOT / "examples" / "perimeter.yaml"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    out = tmp_path_factory.mktemp("bundle") / "perimeter.tar.gz"
    result = subprocess.run([sys.executable, "-m", "perimeter_checks.cli", "bundle", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out


def members(bundle):
    with tarfile.open(bundle) as archive:
        return {m.name.lstrip("/"): archive.extractfile(m).read().decode() for m in archive.getmembers()}


def test_bundle_has_a_manifest_whose_roots_cover_every_package_and_no_tests(bundle):
    files = members(bundle)
    manifest = json.loads(files.pop(".manifest"))
    assert files and not [name for name in files if name.endswith("_test.rego")]
    packages = {re.search(r"^package\s+([\w.]+)", text, re.M).group(1) for text in files.values()}
    assert {p.split(".")[0] for p in packages} == set(manifest["roots"])


def test_bundle_evaluates_like_the_rego_folder(bundle):
    from opa_bindings.engine import OpaEngine

    from perimeter_checks.cli import ENGINE_PATHS
    from perimeter_checks.rego_engine import open_engine

    config = load_config_file(CONFIG)
    plan = json.loads(PLAN.read_text())
    engine = OpaEngine()
    for name, text in members(bundle).items():
        if name.endswith(".rego"):
            engine.add_policy(name, text)
    engine.add_data(perimeter_data(config))
    from_bundle = rows(engine.eval_document("main", plan), engine.eval_document("perimeter_checks.lib.findings.exempted", plan))
    from_folder = rows(*open_engine(ENGINE_PATHS["rego"], config).evaluate(plan))
    assert from_bundle and sorted(from_bundle) == sorted(from_folder)


@pytest.mark.skipif(not shutil.which("opa"), reason="opa is not on PATH")
def test_opa_eval_with_the_bundle(bundle, tmp_path):
    data = tmp_path / "perimeter.json"
    data.write_text(json.dumps(perimeter_data(load_config_file(CONFIG))))
    result = subprocess.run(["opa", "eval", "-b", str(bundle), "-d", str(data), "-i", str(PLAN), "-f", "json",
                             "data.main"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["result"][0]["expressions"][0]["value"]
