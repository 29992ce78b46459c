"""`perimeter-checks scan`: exit codes, formats, no Checkov at start-up, the hcl2 trap."""

import importlib.metadata
import json
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from perimeter_checks import cli

ROOT = Path(__file__).resolve().parents[1]
PUBLIC_QUEUE = """
resource "aws_sqs_queue_policy" "public" {
  queue_url = "q"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = "*" }]
  })
}
"""
ORG_QUEUE = PUBLIC_QUEUE.replace('Resource = "*"', 'Resource = "*", Condition = { StringEquals = { "aws:PrincipalOrgID" = var.org } }').replace(
    '"public"', '"org"'
) + 'variable "org" { default = "o-a1b2c3d4e5" }\n'


@pytest.fixture
def infra(tmp_path):
    (tmp_path / "main.tf").write_text(PUBLIC_QUEUE)
    (tmp_path / "org.tf").write_text(ORG_QUEUE)
    return tmp_path


def run_scan(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "perimeter_checks.cli", "scan", *args], capture_output=True,
                          text=True, cwd=cwd)


def test_failure_exits_1_and_names_rule_resource_and_mitigation(infra):
    result = run_scan(str(infra))
    assert result.returncode == 1
    assert "M3 Resource-based policies only admit principals of your organization" in result.stdout
    assert "FAIL PERIM_M3_SQS_POLICY [HIGH] aws_sqs_queue_policy.public" in result.stdout
    assert "aws_sqs_queue_policy.org" not in result.stdout


def test_text_report_shows_the_perimeter_matrix(infra):
    lines = run_scan(str(infra)).stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Perimeter"))
    assert "Only My IAM" in lines[header] and "Only My Networks" in lines[header]
    assert lines[header + 1].split() == ["identity", "✓", "✓", "✓"]
    assert lines[header + 2].split() == ["resource", "1", "fail", "✓", "✓"]
    assert "\033[" not in "\n".join(lines)


def test_fail_on_threshold_above_the_finding_exits_0(infra):
    assert run_scan(str(infra), "--fail-on", "critical").returncode == 0


def test_json_report(infra):
    data = json.loads(run_scan(str(infra), "--format", "json").stdout)
    assert data["summary"]["failures"] == 1 and data["summary"]["resources"] == 2
    finding = data["findings"][0]
    assert finding["rule_id"] == "PERIM_M3_SQS_POLICY" and finding["mitigation"] == "M3"
    assert finding["boundary"] == "resource" and finding["objective"] == "Only My IAM"
    assert finding["file"].endswith("main.tf") and finding["line"] == 2
    assert data["warnings"] == [] and data["suppressed"] == [] and "org_ids" in data["perimeter"]


def test_sarif_report_has_rules_and_results(infra, tmp_path):
    out = tmp_path / "report.sarif"
    assert run_scan(str(infra), "--format", "sarif", "--output", str(out)).returncode == 1
    sarif = json.loads(out.read_text())
    run = sarif["runs"][0]
    assert sarif["version"] == "2.1.0"
    assert run["results"][0]["ruleId"] == "PERIM_M3_SQS_POLICY"
    assert run["tool"]["driver"]["rules"][run["results"][0]["ruleIndex"]]["id"] == "PERIM_M3_SQS_POLICY"


def test_junit_and_markdown_reports(infra):
    junit = ElementTree.fromstring(run_scan(str(infra), "--format", "junit").stdout)
    assert junit.find(".//failure") is not None
    markdown = run_scan(str(infra), "--format", "markdown").stdout
    assert "| ❌ | `PERIM_M3_SQS_POLICY`" in markdown


def test_unparseable_terraform_is_a_one_line_error_with_exit_2(tmp_path):
    (tmp_path / "broken.tf").write_text('resource "aws_sqs_queue_policy" "x" {\n  policy = \n')
    result = run_scan(str(tmp_path))
    assert result.returncode == 2
    assert "broken.tf: cannot parse HCL" in result.stderr and "Traceback" not in result.stderr


def test_missing_path_and_bad_config_exit_2(tmp_path):
    assert run_scan(str(tmp_path / "absent")).returncode == 2
    config = tmp_path / "perimeter.yaml"
    config.write_text("perimeter: {account_ids: [abc]}\n")
    result = run_scan(str(tmp_path), "--config", str(config))
    assert result.returncode == 2 and result.stderr.startswith("perimeter-checks: invalid config")


def test_config_with_foreign_org_turns_presence_pass_into_failure(infra, tmp_path_factory):
    config = tmp_path_factory.mktemp("config") / "perimeter.yaml"
    config.write_text("perimeter: {org_ids: [o-zzzzzzzzzz]}\n")
    data = json.loads(run_scan(str(infra), "--format", "json", "--config", str(config)).stdout)
    assert {f["resource"] for f in data["findings"]} == {"aws_sqs_queue_policy.public", "aws_sqs_queue_policy.org"}


def test_scan_never_imports_checkov(infra):
    code = (
        "import sys; from perimeter_checks.cli import main; main(['scan', sys.argv[1]]); "
        "assert not [m for m in sys.modules if m.startswith('checkov')], 'checkov imported'"
    )
    result = subprocess.run([sys.executable, "-c", code, str(infra)], capture_output=True, text=True, cwd=ROOT)
    assert "checkov imported" not in result.stderr and "Traceback" not in result.stderr


def test_checkov_and_our_hcl_parser_share_one_environment(infra):
    """PyPI's python-hcl2 owns the same `hcl2` module and breaks Checkov at import."""
    with pytest.raises(importlib.metadata.PackageNotFoundError):
        importlib.metadata.distribution("python-hcl2")
    import hcl2
    from checkov.terraform.tf_parser import TFParser  # noqa: F401  (fails when hcl2 is the wrong one)

    from perimeter_checks.sources.terraform import parse_file

    assert hasattr(hcl2, "START_LINE")
    assert "aws_sqs_queue_policy" in parse_file(infra / "main.tf")["resource"][0]


def test_cli_main_returns_exit_codes(infra, capsys):
    assert cli.main(["scan", str(infra), "--fail-on", "critical"]) == 0
    assert "1 failures" in capsys.readouterr().out


def write_config(directory, body):
    path = directory / "perimeter.yaml"
    path.write_text(body)
    return str(path)


def test_config_exemption_suppresses_and_is_listed(infra, tmp_path_factory):
    config = write_config(tmp_path_factory.mktemp("cfg"), (
        "perimeter:\n  exemptions:\n"
        "    - {rule: PERIM_M3_SQS_POLICY, resource: 'aws_sqs_queue_policy.pub*', reason: partner feed}\n"))
    result = run_scan(str(infra), "--config", config, "--format", "json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["summary"]["suppressed"] == 1 and data["summary"]["failures"] == 0
    assert data["findings"] == []
    assert data["suppressed"][0]["suppressed"] == {"reason": "partner feed", "source": "config"}
    sarif = json.loads(run_scan(str(infra), "--config", config, "--format", "sarif").stdout)
    assert sarif["runs"][0]["results"][0]["suppressions"][0]["justification"] == "partner feed"
    assert "partner feed" in run_scan(str(infra), "--config", config, "--format", "markdown").stdout
    assert "suppressed: partner feed" in run_scan(str(infra), "--config", config, "--format", "junit").stdout


def test_expired_exemption_stops_applying_and_says_so(infra, tmp_path_factory):
    config = write_config(tmp_path_factory.mktemp("cfg"), (
        "perimeter:\n  exemptions:\n"
        "    - {rule: PERIM_M3_SQS_POLICY, resource: '*', reason: old waiver, expires: 2020-01-01}\n"))
    result = run_scan(str(infra), "--config", config)
    assert result.returncode == 1
    assert "expired on 2020-01-01" in result.stderr


def test_exemption_without_reason_is_a_config_error(infra, tmp_path_factory):
    config = write_config(tmp_path_factory.mktemp("cfg"), (
        "perimeter:\n  exemptions:\n    - {rule: PERIM_M3_SQS_POLICY, resource: '*'}\n"))
    result = run_scan(str(infra), "--config", config)
    assert result.returncode == 2 and "reason is required" in result.stderr


def test_inline_checkov_skip_comment_is_honoured(tmp_path):
    (tmp_path / "main.tf").write_text(PUBLIC_QUEUE.replace(
        '  queue_url = "q"', '  # checkov:skip=PERIM_M3_SQS_POLICY:public intake queue\n  queue_url = "q"'))
    result = run_scan(str(tmp_path))
    assert result.returncode == 0
    assert "suppressed (inline): public intake queue" in result.stdout


def test_broken_json_or_yaml_in_a_tree_warns_and_the_scan_goes_on(infra):
    (infra / "broken.json").write_text("{not json")
    (infra / "chart.yaml").write_text("a: {{ .Values.x }}\n")
    result = run_scan(str(infra))
    assert result.returncode == 1
    assert "broken.json: invalid JSON, not scanned" in result.stderr
    assert "chart.yaml: invalid YAML" in result.stderr and "Traceback" not in result.stderr


def test_a_named_file_that_is_not_iac_is_an_error(tmp_path):
    named = tmp_path / "package.json"
    named.write_text('{"name": "x"}')
    result = run_scan(str(named))
    assert result.returncode == 2 and "neither a Terraform plan nor a CloudFormation template" in result.stderr


def test_a_folder_without_iac_is_an_error(tmp_path):
    (tmp_path / "README.md").write_text("hello")
    result = run_scan(str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "no Terraform, plan or CloudFormation resources" in result.stderr


def test_yaml_tags_that_construct_objects_are_refused(tmp_path):
    template = tmp_path / "template.yaml"
    template.write_text(f"Resources: !!python/object/apply:os.system ['touch {tmp_path}/pwned']\n")
    result = run_scan(str(template))
    assert result.returncode == 2 and not (tmp_path / "pwned").exists()


SARIF_SCHEMA = Path(sys.prefix) / "sarif-2.1.0-rtm.5.json"


@pytest.mark.skipif(not SARIF_SCHEMA.is_file(), reason=f"SARIF schema not installed at {SARIF_SCHEMA} (make setup fetches it)")
def test_sarif_validates_against_the_sarif_2_1_0_schema(tmp_path):
    import jsonschema

    out = tmp_path / "examples.sarif"
    run_scan(str(ROOT / "examples"), "--config", str(ROOT / "examples" / "perimeter.yaml"), "--format", "sarif",
             "--output", str(out))
    document = json.loads(out.read_text())
    jsonschema.validate(document, json.loads(SARIF_SCHEMA.read_text()))
    assert len(document["runs"][0]["results"]) > 100


def test_progress_is_reported_per_input_on_request(tmp_path):
    from perimeter_checks.config import PerimeterConfig
    from perimeter_checks.scan import scan

    for i in range(3):
        (tmp_path / f"t{i}.json").write_text(json.dumps({"Resources": {"Q": {"Type": "AWS::SQS::QueuePolicy", "Properties": {}}}}))
    seen = []
    scan([str(tmp_path)], PerimeterConfig(), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
