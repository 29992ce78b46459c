"""Other engines behind `perimeter-checks scan --engine`: Checkov with our checks.

Their results are turned into the same finding records as the python engine, so the
three engines can be compared finding by finding.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from perimeter_checks.catalog import load_catalog

CHECKOV_FRAMEWORKS = ("terraform", "terraform_plan", "cloudformation")
UNVERIFIED_KEY = "perimeter:unverified"
# Details of a check that raised inside Checkov (reported as unverified, never dropped).
CHECK_CRASHED = "the check failed on this resource"
_TERRAFORM_ADDRESS = re.compile(r"(?:^|\.)(?P<type>[a-z0-9]+_[a-z0-9_]+)\.[^.]+$")


class EngineUnavailable(RuntimeError):
    """The engine is not installed; the message says how to get it."""


def _checkov_command() -> list:
    try:
        import checkov  # noqa: F401
    except ImportError:
        raise EngineUnavailable("Checkov is not installed: pip install 'perimeter-checks[checkov]'") from None
    return [sys.executable, "-m", "checkov.main"]


def _record(raw: dict, framework: str) -> dict:
    rule = load_catalog().rule(raw["check_id"])
    resource = raw["resource"]
    if framework == "cloudformation":
        resource_type, _, resource = resource.rpartition(".")
    else:
        match = _TERRAFORM_ADDRESS.search(re.sub(r"\[[^\]]*\]", "", resource))
        resource_type = match.group("type") if match else ""
    result = raw.get("check_result") or {}
    details = raw.get("details") or []
    unverified = UNVERIFIED_KEY in (result.get("evaluated_keys") or [])
    suppressed = None
    if result.get("result") == "SKIPPED":
        inline = result.get("suppress_comment")
        reasons = [d.split(": ", 1)[1] for d in details if d.startswith("exempted by config: ")]
        suppressed = {"reason": inline or (reasons[0] if reasons else "skipped"),
                      "source": "inline" if inline else "config"}
    messages = [re.sub(r"^(UNVERIFIED \(M\d\)|M\d): ", "", d) for d in details if not d.startswith(("NOTE:", "exempted"))]
    return {
        "rule_id": rule.id,
        "mitigation": rule.mitigation.id,
        "boundary": rule.mitigation.boundary,
        "objective": rule.mitigation.objective,
        "severity": rule.severity,
        "title": rule.title,
        "verdict": "warn" if unverified else "fail",
        "resource": resource,
        "resource_type": resource_type,
        "framework": "cloudformation" if framework == "cloudformation" else "terraform",
        "file": str(raw.get("file_abs_path") or raw.get("file_path")),
        "line": int((raw.get("file_line_range") or [0])[0]),
        "message": "; ".join(messages) or rule.title,
        "guideline": rule.guideline,
        "suppressed": suppressed,
    }


CHECKOV_TIMEOUT = 900


def _run_checkov(command: list, environment: dict):
    """Checkov itself can hang when a forked worker crashes, so it gets a deadline."""
    return subprocess.run(
        command + [
            "--framework", *CHECKOV_FRAMEWORKS,
            "--external-checks-dir", str(Path(__file__).resolve().parent / "checkov"),
            "--check", "PERIM_*",
            "--skip-download", "--compact", "-o", "json",
        ],
        capture_output=True, text=True, env=environment, timeout=CHECKOV_TIMEOUT,
    )


def _json_documents(output: str) -> list:
    """Checkov prints one JSON document per -d/-f root (a report or a list of reports)."""
    decoder, documents, position = json.JSONDecoder(), [], 0
    text = output.strip()
    while position < len(text):
        try:
            document, end = decoder.raw_decode(text, position)
        except ValueError:
            raise EngineUnavailable("checkov printed output that is not JSON") from None
        documents.extend(document if isinstance(document, list) else [document])
        position = end
        while position < len(text) and text[position].isspace():
            position += 1
    return documents


def run_checkov(paths: list, config_path: str | None) -> tuple:
    """Run Checkov with our checks over the paths: (finding records, resources scanned)."""
    command = _checkov_command()
    arguments = []
    for path in paths:
        arguments += ["-f" if Path(path).is_file() else "-d", str(path)]
    environment = dict(os.environ)
    if config_path:
        environment["PERIMETER_CONFIG"] = str(Path(config_path).resolve())
    environment.pop("PERIMETER_UNRESOLVED", None)
    try:
        completed = _run_checkov(command + arguments, environment)
    except subprocess.TimeoutExpired:
        raise EngineUnavailable(f"checkov did not finish within {CHECKOV_TIMEOUT} s") from None
    if completed.returncode not in (0, 1):
        last = (completed.stderr.strip().splitlines() or ["no output"])[-1]
        raise EngineUnavailable(f"checkov exited {completed.returncode}: {last}")
    reports = _json_documents(completed.stdout)
    records, resources = [], 0
    for report in reports:
        framework = report.get("check_type", "")
        resources += int((report.get("summary") or {}).get("resource_count") or 0)
        results = report.get("results") or {}
        for raw in (results.get("failed_checks") or []) + (results.get("skipped_checks") or []):
            records.append(_record(raw, framework))
    return records, resources
