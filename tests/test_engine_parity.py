"""The embedded scanner and Checkov agree with the golden file, finding by finding.

Keys are (rule, file relative to examples/, resource, verdict); CloudFormation
verdicts from Checkov come through the evaluated-keys marker (Checkov drops details).
"""

import os
from pathlib import Path

import pytest
import yaml

from perimeter_checks.config import load_config_file
from perimeter_checks.engines import run_checkov
from perimeter_checks.scan import finding_record, scan

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CONFIG = EXAMPLES / "perimeter.yaml"


def keys(records):
    return {
        (r["rule_id"], os.path.relpath(r["file"], EXAMPLES), r["resource"], r["verdict"])
        for r in records
        if not r["suppressed"]
    }


@pytest.fixture(scope="module")
def golden():
    return {(e["rule"], e["file"], e["resource"], e["verdict"]) for e in yaml.safe_load((EXAMPLES / "golden.yaml").read_text())}


@pytest.fixture(scope="module")
def python_records():
    result = scan([str(EXAMPLES)], load_config_file(CONFIG))
    assert not result.errors
    return [finding_record(*entry) for entry in result.findings]


def diff(expected, actual):
    return "\n".join([f"missing {k}" for k in sorted(expected - actual)] + [f"extra {k}" for k in sorted(actual - expected)])


def test_python_engine_equals_golden(golden, python_records):
    assert keys(python_records) == golden, diff(golden, keys(python_records))


def test_checkov_engine_equals_python_engine(python_records):
    records, resources = run_checkov([str(EXAMPLES)], str(CONFIG))
    assert resources > 0
    assert keys(records) == keys(python_records), diff(keys(python_records), keys(records))


def test_every_framework_is_compared(golden):
    assert {Path(k[1]).parts[0] for k in golden} == {"terraform", "plan", "cloudformation"}
