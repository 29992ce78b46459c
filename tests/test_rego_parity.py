"""Parity: every example gives the same (rule_id, resource, verdict) set from Rego (conftest
semantics over real OPA) as from the Python sources + rules, and as examples/golden.yaml.

CloudFormation YAML is fed to Rego both ways: as conftest parses it (short tags dropped,
scalars kept) and in long form (the tag-aware loader of perimeter_checks.sources).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from perimeter_checks.catalog import load_catalog
from perimeter_checks.config import load_config_file
from perimeter_checks.rules import evaluate
from perimeter_checks.sources.cloudformation import load_yaml, template_views
from perimeter_checks.sources.plan import plan_views

from rego_runner import Conftest, load_data_file, verdicts

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CONFIG_FILE = EXAMPLES / "perimeter.yaml"

PLAN_FILES = sorted((EXAMPLES / "plan").glob("*.json"))
CFN_JSON = sorted((EXAMPLES / "cloudformation").glob("*.json"))
CFN_YAML = sorted((EXAMPLES / "cloudformation").glob("*.y*ml"))
COMPARED = {"files": 0, "findings": 0}


class ConftestYamlLoader(yaml.SafeLoader):
    """Like conftest (go-yaml v2 via sigs.k8s.io/yaml): unknown tags are dropped, values kept."""


def _drop_tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


ConftestYamlLoader.add_multi_constructor("!", _drop_tag)


def conftest_yaml(text: str):
    return json.loads(json.dumps(yaml.load(text, Loader=ConftestYamlLoader), default=str))  # noqa: S506


@pytest.fixture(scope="module")
def conftest():
    return Conftest(data=load_data_file(CONFIG_FILE))


@pytest.fixture(scope="module")
def config():
    return load_config_file(CONFIG_FILE)


def python_verdicts(views, config) -> set:
    found = set()
    for view in views:
        for rule in load_catalog().rules:
            for finding in evaluate(rule, view, config):
                found.add((finding.rule_id, finding.resource, finding.verdict))
    return found


def golden(path: Path) -> set:
    rows = yaml.safe_load((EXAMPLES / "golden.yaml").read_text(encoding="utf-8")) or []
    relative = str(path.relative_to(EXAMPLES))
    return {(r["rule"], r["resource"], r["verdict"]) for r in rows if r.get("file") == relative}


def _compare(rego: set, python: set, expected: set, label: str):
    COMPARED["files"] += 1
    COMPARED["findings"] += len(rego)
    assert rego == python, f"{label}: Rego vs Python\nonly Rego: {sorted(rego - python)}\nonly Python: {sorted(python - rego)}"
    assert rego == expected, f"{label}: Rego vs golden\nonly Rego: {sorted(rego - expected)}\nonly golden: {sorted(expected - rego)}"


def test_examples_exist():
    assert PLAN_FILES and CFN_YAML, "examples/plan and examples/cloudformation are expected"


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.name)
def test_plan_parity(conftest, config, path):
    document = json.loads(path.read_text(encoding="utf-8"))
    rego = verdicts(conftest.test(document, str(path)))
    _compare(rego, python_verdicts(plan_views(document), config), golden(path), path.name)


@pytest.mark.parametrize("path", CFN_JSON, ids=lambda p: p.name)
def test_cloudformation_json_parity(conftest, config, path):
    document = json.loads(path.read_text(encoding="utf-8"))
    rego = verdicts(conftest.test(document, str(path)))
    _compare(rego, python_verdicts(template_views(document), config), golden(path), path.name)


@pytest.mark.parametrize("form", ["conftest", "long"])
@pytest.mark.parametrize("path", CFN_YAML, ids=lambda p: p.name)
def test_cloudformation_yaml_parity(conftest, config, path, form):
    text = path.read_text(encoding="utf-8")
    long_form = load_yaml(text)
    document = conftest_yaml(text) if form == "conftest" else json.loads(json.dumps(long_form, default=str))
    rego = verdicts(conftest.test(document, str(path)))
    _compare(rego, python_verdicts(template_views(long_form), config), golden(path), f"{path.name} ({form})")
