"""The CI integrations users copy run as written (every step that can run here).

Skipped steps: installing from a package index, `terraform plan` (no providers can be
downloaded here), uploads, and conftest when it is not on PATH.
"""

import json
import os
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@pytest.fixture
def workspace(tmp_path):
    shutil.copy(ROOT / "examples" / "plan" / "plan.json", tmp_path / "plan.json")
    shutil.copy(ROOT / "examples" / "perimeter.yaml", tmp_path / "perimeter.yaml")
    return tmp_path


def shell(command: str, cwd: Path, **env):
    environment = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **env}
    environment.pop("PERIMETER_CONFIG", None)
    return subprocess.run(["bash", "-eo", "pipefail", "-c", command], cwd=cwd, capture_output=True, text=True,
                          env=environment)


def skip_reason(command: str):
    if command.startswith("pip install"):
        return "installs from a package index"
    if "terraform " in command:
        return "terraform plan needs provider downloads"
    if command.startswith("conftest") and not shutil.which("conftest"):
        return "conftest is not on PATH"
    return None


def test_pre_commit_hook_scans_changed_iac_files_only():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "perimeter-checks")
    files = ["examples/terraform/sqs/main.tf", "examples/ci/gitlab-ci.yml", "examples/perimeter.yaml"]
    command = hook["entry"] + " " + " ".join(files)
    result = shell(command, ROOT, PERIMETER_CONFIG=str(ROOT / "examples" / "perimeter.yaml"))
    assert result.returncode == 1, result.stderr
    reported = {line.split("(")[-1].split(":")[0] for line in result.stdout.splitlines() if line.strip().startswith("FAIL")}
    assert reported == {"examples/terraform/sqs/main.tf"}


def test_github_actions_workflow_steps(workspace):
    workflow = yaml.safe_load((ROOT / "examples" / "ci" / "github-actions.yml").read_text())
    summary = workspace / "summary.md"
    ran = []
    for step in workflow["jobs"]["perimeter"]["steps"]:
        if "run" not in step or skip_reason(step["run"]):
            continue
        result = shell(step["run"], workspace, GITHUB_STEP_SUMMARY=str(summary))
        ran.append(step["name"])
        assert result.returncode in (0, 1), f"{step['name']}: {result.stderr[-500:]}"
        assert "Traceback" not in result.stderr
        if step["name"].startswith("Perimeter scan"):
            assert result.returncode == 1  # the example plan has HIGH findings
    sarif = json.loads((workspace / "perimeter.sarif").read_text())
    assert sarif["runs"][0]["results"]
    assert "PERIM_M3_SQS_POLICY" in summary.read_text()
    assert {"Perimeter scan (SARIF for code scanning)", "Pull-request summary", "Checkov"} <= set(ran)


def test_gitlab_job_script(workspace):
    job = yaml.safe_load((ROOT / "examples" / "ci" / "gitlab-ci.yml").read_text())["perimeter"]
    for command in job["script"]:
        if skip_reason(command):
            continue
        assert shell(command, workspace).returncode == 1
    report = ElementTree.parse(workspace / "perimeter.xml")
    assert report.getroot().find(".//failure") is not None
    assert job["artifacts"]["reports"]["junit"] == "perimeter.xml"
    assert all(shlex.split(c) for c in job["script"])
