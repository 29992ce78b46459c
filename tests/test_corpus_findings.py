"""Every finding on the real-world corpus is triaged, and every engine finds the same ones.

The scan of ../shared/corpus must equal tests/corpus_findings.yaml exactly: a change in
what the rules report fails here until the triage file is updated
(`python -m tools.corpus_findings --update`) and the new findings are judged by hand.
"""

import functools

import pytest

from perimeter_checks.sources.cloudformation import load_template_file
from tools.corpus_findings import (
    CORPUS, UNTRIAGED, VERDICTS, checkov_templates, load_triage, scan_corpus, triage_counter,
)

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repository")


@functools.lru_cache(maxsize=None)
def recorded():
    return triage_counter(load_triage())


def test_every_finding_has_a_verdict_and_a_reason():
    entries = load_triage()
    assert entries, "tests/corpus_findings.yaml lists no findings"
    unjudged = [e for e in entries if e["triage"] not in VERDICTS or not str(e["reason"]).strip()]
    assert not unjudged, f"{len(unjudged)} findings are {UNTRIAGED} or have no reason, e.g. {unjudged[:3]}"


@pytest.mark.parametrize("engine", ["python", "rego"])
def test_the_corpus_scan_equals_the_triaged_findings(engine):
    found = scan_corpus(engine)
    new, gone = found - recorded(), recorded() - found
    assert not new and not gone, (
        f"{engine}: {sum(new.values())} findings not in the triage file (e.g. {sorted(new)[:3]}), "
        f"{sum(gone.values())} triaged findings no longer reported (e.g. {sorted(gone)[:3]}); "
        "run `python -m tools.corpus_findings --update` and triage them"
    )


def _keys(counter, prefix: str) -> set:
    return {key for key in counter if key[2].startswith(prefix)}


def test_checkov_finds_the_same_on_the_plans():
    assert _keys(scan_corpus("checkov", [CORPUS / "terraform-plans"]), "") == _keys(recorded(), "terraform-plans/")


def test_checkov_finds_the_same_on_the_templates_except_resources_its_conditions_drop():
    """Checkov evaluates a resource's CloudFormation Condition with the parameter defaults and
    drops it when false; the deploy may pass other parameters, so the other engines judge it."""
    templates = checkov_templates()
    names = {str(t.relative_to(CORPUS)) for t in templates}
    ours = {key for key in recorded() if key[2] in names}
    theirs = _keys(scan_corpus("checkov", templates), "")
    assert theirs <= ours
    dropped = ours - theirs
    conditional = {
        key for key in dropped
        if "Condition" in (load_template_file(CORPUS / key[2]).get("Resources", {}).get(key[1]) or {})
    }
    assert dropped == conditional

