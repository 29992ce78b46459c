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


def test_rego_engine_equals_python_engine(python_records):
    result = scan([str(EXAMPLES)], load_config_file(CONFIG), engine="rego")
    records = [finding_record(*entry) for entry in result.findings]
    assert keys(records) == keys(python_records), diff(keys(python_records), keys(records))


def test_every_engine_honours_exemptions_and_inline_skips(tmp_path):
    from perimeter_checks.config import parse_config

    (tmp_path / "main.tf").write_text(
        'resource "aws_sqs_queue_policy" "partner" {\n  queue_url = "q"\n'
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:*" }] })\n}\n'
        'resource "aws_sns_topic_policy" "intake" {\n  # checkov:skip=PERIM_M3_SNS_POLICY:public intake topic\n'
        '  arn = "t"\n'
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "sns:Publish" }] })\n}\n'
    )
    body = {"perimeter": {"exemptions": [
        {"rule": "PERIM_M3_SQS_POLICY", "resource": "aws_sqs_queue_policy.partner", "reason": "partner feed"}]}}
    config_file = tmp_path / "perimeter.yaml"
    config_file.write_text(yaml.safe_dump(body))
    expected = {("PERIM_M3_SQS_POLICY", "aws_sqs_queue_policy.partner", "config"),
                ("PERIM_M3_SNS_POLICY", "aws_sns_topic_policy.intake", "inline")}
    for engine in ("python", "rego"):
        result = scan([str(tmp_path / "main.tf")], parse_config(body), engine=engine)
        records = [finding_record(*entry) for entry in result.findings]
        assert {(r["rule_id"], r["resource"], r["suppressed"]["source"]) for r in records if r["suppressed"]} == expected
        assert not [r for r in records if not r["suppressed"] and r["rule_id"] != "PERIM_M3_SERVICE_PRINCIPAL_SOURCE"]
    records, _ = run_checkov([str(tmp_path)], str(config_file))
    assert {(r["rule_id"], r["resource"], r["suppressed"]["source"]) for r in records if r["suppressed"]} == expected


def test_checkov_engine_equals_python_engine(python_records):
    records, resources = run_checkov([str(EXAMPLES)], str(CONFIG))
    assert resources > 0
    assert keys(records) == keys(python_records), diff(keys(python_records), keys(records))


def test_every_framework_is_compared(golden):
    assert {Path(k[1]).parts[0] for k in golden} == {"terraform", "plan", "cloudformation"}


def test_checkov_engine_with_several_roots(tmp_path):
    """Checkov prints one JSON document per root; all of them are read."""
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "main.tf").write_text(
            f'resource "aws_sqs_queue_policy" "{name}" {{\n  queue_url = "q"\n'
            '  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:*" }] })\n}\n')
    records, _ = run_checkov([str(tmp_path / "one"), str(tmp_path / "two")], None)
    assert {r["resource"] for r in records if r["rule_id"] == "PERIM_M3_SQS_POLICY"} == {
        "aws_sqs_queue_policy.one", "aws_sqs_queue_policy.two"}
