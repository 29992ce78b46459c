"""Golden test: Checkov with our external checks on examples/ must report exactly examples/golden.yaml.

Checkov runs as a subprocess (the `checkov` script next to sys.executable) once per
framework; the runs are module-scoped fixtures because each costs about 3 s.

A result is the tuple (rule, framework, file, resource, verdict):
  - file is relative to examples/ (for module resources, the module's file);
  - resource is the Terraform address including the module path, or the CloudFormation
    logical ID (Checkov reports `AWS::X::Y.LogicalId`);
  - verdict is "warn" when Checkov reports FAILED and every detail starts with
    "UNVERIFIED" (the policy cannot be verified statically), else "fail".
Checkov drops `details` for CloudFormation (cloudformation/runner.py does not pass them
to its Record), so warn and fail cannot be told apart there: CloudFormation results are
compared as (rule, framework, file, resource) only, and golden's CFN verdicts document
the intent.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from perimeter_checks.catalog import load_catalog

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CONFIG = EXAMPLES / "perimeter.yaml"
GOLDEN = EXAMPLES / "golden.yaml"
BIN = Path(sys.executable).parent
FRAMEWORKS = ("terraform", "terraform_plan", "cloudformation")
TARGETS = {
    "terraform": ["-d", str(EXAMPLES / "terraform")],
    "terraform_plan": ["-f", *(str(p) for p in sorted((EXAMPLES / "plan").glob("*.json")))],
    "cloudformation": ["-d", str(EXAMPLES / "cloudformation")],
}
UNRESOLVED_PREFIX = "UNVERIFIED"
GOOD_NAME = re.compile(r"^(good_|Good)")
BAD_NAME = re.compile(r"^(bad_|Bad)")


# ---------------------------------------------------------------- running Checkov


def _tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} not found next to {sys.executable}; install the package into this venv")
    return str(path)


@pytest.fixture(scope="module")
def checks_dir() -> str:
    out = subprocess.run(
        [_tool("perimeter-checks"), "path", "checkov"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert Path(out, "__init__.py").is_file(), f"not a Checkov external checks dir: {out}"
    return out


def run_checkov(checks_dir: str, framework: str, target: list, **env_overrides) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PERIMETER_UNRESOLVED", "PERIMETER_CONFIG")}
    env["PERIMETER_CONFIG"] = str(CONFIG)
    env.update(env_overrides)
    command = [
        _tool("checkov"),
        *target,
        "--framework",
        framework,
        "-o",
        "json",
        "--skip-download",
        "--compact",
        "--check",
        "PERIM_*",
        "--external-checks-dir",
        checks_dir,
    ]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)


def parse_report(proc: subprocess.CompletedProcess, framework: str) -> dict:
    """{"failed": {tuple}, "passed": {tuple}} from Checkov's JSON; fails loudly on load errors."""
    assert "Cannot load external check" not in proc.stderr, f"external checks failed to load:\n{proc.stderr[-3000:]}"
    assert proc.returncode in (0, 1), f"checkov exited {proc.returncode}:\n{proc.stderr[-3000:]}"
    data = json.loads(proc.stdout)
    reports = data if isinstance(data, list) else [data]
    found = {"failed": set(), "passed": set()}
    for report in reports:
        if report.get("check_type") != framework:
            continue
        for key in ("failed", "passed"):
            for check in report["results"][f"{key}_checks"]:
                details = check.get("details") or []
                verdict = (
                    "pass"
                    if key == "passed"
                    else "warn"
                    if details and all(str(d).startswith(UNRESOLVED_PREFIX) for d in details)
                    else "fail"
                )
                found[key].add(
                    (
                        check["check_id"],
                        framework,
                        Path(check["file_abs_path"]).resolve().relative_to(EXAMPLES).as_posix(),
                        _resource(check["resource"], framework),
                        verdict,
                    )
                )
    assert found["failed"] or found["passed"], f"no PERIM_* results for {framework}; stderr:\n{proc.stderr[-3000:]}"
    return found


def _resource(resource: str, framework: str) -> str:
    if framework == "cloudformation":
        return resource.rsplit(".", 1)[-1]  # AWS::S3::BucketPolicy.LogicalId -> LogicalId
    return resource


@pytest.fixture(scope="module")
def results(checks_dir) -> dict:
    """framework -> parsed report, one Checkov run per framework."""
    return {fw: parse_report(run_checkov(checks_dir, fw, TARGETS[fw]), fw) for fw in FRAMEWORKS}


# ---------------------------------------------------------------- golden file


def load_golden() -> list:
    entries = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    assert isinstance(entries, list) and entries
    for entry in entries:
        assert set(entry) == {"rule", "framework", "file", "resource", "verdict"}, entry
        assert entry["framework"] in FRAMEWORKS, entry
        assert entry["verdict"] in ("fail", "warn"), entry
        assert (EXAMPLES / entry["file"]).is_file(), entry
    return entries


def golden_tuples(framework: str) -> set:
    return {
        (e["rule"], e["framework"], e["file"], str(e["resource"]), e["verdict"])
        for e in load_golden()
        if e["framework"] == framework
    }


def _key(item: tuple, framework: str) -> tuple:
    """What is compared: everything, except the verdict for CloudFormation (no details)."""
    return item[:4] if framework == "cloudformation" else item


def _diff(expected: set, actual: set) -> str:
    missing = sorted(expected - actual)
    extra = sorted(actual - expected)
    lines = []
    if missing:
        lines.append(f"missing ({len(missing)}) - in golden.yaml, not reported by Checkov:")
        lines += [f"  - {m}" for m in missing]
    if extra:
        lines.append(f"extra ({len(extra)}) - reported by Checkov, not in golden.yaml:")
        lines += [f"  + {x}" for x in extra]
    return "\n".join(lines)


def test_golden_file_has_no_duplicates():
    entries = load_golden()
    keys = [(e["rule"], e["framework"], e["file"], str(e["resource"])) for e in entries]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    assert not duplicates, f"duplicate golden entries: {duplicates}"


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_findings_equal_golden(results, framework):
    expected = {_key(t, framework) for t in golden_tuples(framework)}
    actual = {_key(t, framework) for t in results[framework]["failed"]}
    if actual != expected:
        pytest.fail(f"{framework}: Checkov findings differ from examples/golden.yaml\n" + _diff(expected, actual), pytrace=False)


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_resource_names_match_verdicts(results, framework):
    """good_*/Good* resources never appear in golden; bad_*/Bad* resources appear at least once."""
    golden = golden_tuples(framework)
    in_golden = {t[3] for t in golden}
    scanned = {t[3] for part in ("failed", "passed") for t in results[framework][part]}
    named_good = sorted(r for r in in_golden if GOOD_NAME.match(r.rsplit(".", 1)[-1]))
    unexpected_pass = sorted(r for r in scanned if BAD_NAME.match(r.rsplit(".", 1)[-1]) and r not in in_golden)
    unscanned = sorted(r for r in in_golden if r not in scanned)
    assert not named_good, f"{framework}: compliant-named resources listed in golden.yaml: {named_good}"
    assert not unexpected_pass, f"{framework}: non-compliant-named resources without a golden entry: {unexpected_pass}"
    assert not unscanned, f"{framework}: golden resources Checkov did not scan at all: {unscanned}"


def test_every_rule_has_failing_and_passing_examples(results):
    """Per catalog rule and framework with resource types: >=1 golden fail and >=1 passing resource."""
    problems = []
    for rule in load_catalog().rules:
        frameworks = []
        if rule.terraform:
            frameworks += ["terraform", "terraform_plan"]
        if rule.cloudformation:
            frameworks.append("cloudformation")
        for framework in frameworks:
            fails = [t for t in golden_tuples(framework) if t[0] == rule.id and t[4] == "fail"]
            flagged = {t[3] for t in golden_tuples(framework) if t[0] == rule.id}
            passes = [t for t in results[framework]["passed"] if t[0] == rule.id and t[3] not in flagged]
            if not fails:
                problems.append(f"{rule.id} [{framework}]: no 'fail' entry in golden.yaml")
            if not passes:
                problems.append(f"{rule.id} [{framework}]: no passing resource in examples")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- PERIMETER_UNRESOLVED=ignore


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_unresolved_ignore_turns_warnings_into_passes(checks_dir, framework):
    report = parse_report(
        run_checkov(checks_dir, framework, TARGETS[framework], PERIMETER_UNRESOLVED="ignore"), framework
    )
    golden = golden_tuples(framework)
    failed = {t[:4] for t in report["failed"]}
    passed = {t[:4] for t in report["passed"]}
    fails = {t[:4] for t in golden if t[4] == "fail"}
    warns = {t[:4] for t in golden if t[4] == "warn"}
    assert warns, f"{framework}: golden.yaml has no warn entry to exercise"
    not_passed = sorted(warns - passed)
    still_failing = sorted(fails - failed)
    assert not not_passed, f"{framework}: warn-only results not PASSED under PERIMETER_UNRESOLVED=ignore:\n" + "\n".join(
        f"  {w}" for w in not_passed
    )
    assert not still_failing, f"{framework}: real failures lost under PERIMETER_UNRESOLVED=ignore:\n" + "\n".join(
        f"  {f}" for f in still_failing
    )
    extra = sorted(failed - fails)
    assert not extra, f"{framework}: unexpected FAILED under PERIMETER_UNRESOLVED=ignore:\n" + "\n".join(
        f"  {x}" for x in extra
    )


# ---------------------------------------------------------------- malformed config


def test_malformed_config_exits_2_with_one_line(checks_dir, tmp_path):
    bad = tmp_path / "perimeter.yaml"
    bad.write_text("perimeter: {org_ids: [nope]}\n", encoding="utf-8")
    proc = run_checkov(
        checks_dir, "terraform", ["-d", str(EXAMPLES / "terraform" / "glue")], PERIMETER_CONFIG=str(bad)
    )
    assert proc.returncode == 2, f"exit {proc.returncode}\nstdout:\n{proc.stdout[-2000:]}\nstderr:\n{proc.stderr[-2000:]}"
    messages = [line for line in proc.stderr.splitlines() if line.startswith("perimeter-checks: invalid config")]
    assert len(messages) == 1, f"expected one 'perimeter-checks: invalid config' line, got:\n{proc.stderr[-2000:]}"
    assert "nope" in messages[0] and "org_ids" in messages[0], messages[0]
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout, proc.stderr[-2000:]


def test_a_check_that_raises_inside_checkov_reports_unverified_not_nothing(monkeypatch):
    """Checkov logs a crashing check and drops its result, which would be a silent pass."""
    from checkov.common.models.enums import CheckResult

    from perimeter_checks import checkov_support
    from perimeter_checks.engines import CHECK_CRASHED
    from perimeter_checks.rules import ResourceView

    def crash(*_):
        raise TypeError("boom")

    monkeypatch.setattr(checkov_support, "evaluate", crash)
    check = checkov_support.register_cloudformation_checks()[0]
    check.details = []
    assert check._result(ResourceView("cloudformation", "AWS::S3::BucketPolicy", "P", {})) == CheckResult.FAILED
    assert check.details and CHECK_CRASHED in check.details[0]


def test_checkov_parsed_nodes_reach_our_cloudformation_checks_as_plain_values(monkeypatch, tmp_path):
    """Checkov's string nodes cannot be copied with str(): a principal from Fn::FindInMap
    once crashed PERIM_M3_S3_POLICY inside Checkov."""
    from checkov.cloudformation.parser import parse

    from perimeter_checks import checkov_support

    template = tmp_path / "t.json"
    template.write_text(json.dumps({"Resources": {"P": {"Type": "AWS::S3::BucketPolicy", "Properties": {
        "Bucket": "b", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:PutObject",
        "Resource": "arn:aws:s3:::b/*", "Principal": {"AWS": {"Fn::FindInMap": ["Elb", {"Ref": "AWS::Region"}, "Id"]}}}]}}}}}))
    parsed, _ = parse(str(template))
    monkeypatch.setenv("PERIMETER_CONFIG", str(CONFIG))
    check = next(c for c in checkov_support.register_cloudformation_checks() if c.id == "PERIM_M3_S3_POLICY")
    check.details, check.entity_path, check.entity_type = [], f"{template}:AWS::S3::BucketPolicy:P", "AWS::S3::BucketPolicy"
    assert check.scan_resource_conf(parsed["Resources"]["P"]) == checkov_support.CheckResult.FAILED
    assert check.details and all("FindInMap" in d for d in check.details), check.details
