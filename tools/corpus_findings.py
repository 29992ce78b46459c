"""Findings on ../shared/corpus, and the triage file that explains each of them.

    python -m tools.corpus_findings            # compare the scan with tests/corpus_findings.yaml
    python -m tools.corpus_findings --update   # rewrite it: triage kept, new findings 'untriaged'

A finding is (rule, resource, file relative to the corpus, verdict) with how many times it
occurs (one module evaluated from several example roots repeats its resources). The test
tests/test_corpus_findings.py fails whenever the scan and the file disagree.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from perimeter_checks.engines import CHECK_CRASHED

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
TRIAGE_FILE = ROOT / "tests" / "corpus_findings.yaml"
VERDICTS = ("true-positive", "false-positive")
UNTRIAGED = "untriaged"
_HEADER = """\
# Every finding of `perimeter-checks scan` (python and rego engines, no perimeter.yaml) on
# ../shared/corpus, triaged by hand. `python -m tools.corpus_findings --update` rewrites
# the list after a change, keeping the triage of findings that still occur; new ones are
# marked untriaged and tests/test_corpus_findings.py fails until each has a verdict and a reason.
# true-positive: the finding is right (a fail names a real gap of the whitepaper mitigation; a
# warning names a value that this code cannot settle before deploy).
# false-positive: the finding is wrong or is noise a reader of the code would dismiss.
"""


def counted(records: list, verdict: str) -> collections.Counter:
    return collections.Counter(
        (r["rule_id"], r["resource"], os.path.relpath(os.path.realpath(CORPUS / r["file"]), os.path.realpath(CORPUS)),
         verdict)
        for r in records
    )


def scan_corpus(engine: str, paths: list | None = None) -> collections.Counter:
    """Findings of one engine on the corpus (or on the given paths inside it), without a config."""
    command = [sys.executable, "-m", "perimeter_checks.cli", "scan", "--engine", engine, "--format", "json",
               *[str(p) for p in (paths or sorted(p for p in CORPUS.iterdir() if p.is_dir()))]]
    env = {k: v for k, v in os.environ.items() if k != "PERIMETER_CONFIG"}
    completed = subprocess.run(command, capture_output=True, text=True, cwd=CORPUS, env=env)
    if completed.returncode not in (0, 1):
        raise RuntimeError(f"scan --engine {engine} exited {completed.returncode}: {completed.stderr.strip()[-500:]}")
    report = json.loads(completed.stdout)
    crashed = [r for section in ("findings", "warnings") for r in report[section] if CHECK_CRASHED in r["message"]]
    if crashed:
        raise RuntimeError(f"scan --engine {engine}: a check raised on {crashed[0]['resource']}: {crashed[0]['message']}")
    return sum(
        (counted(report[section], verdict) for section, verdict in
         (("findings", "fail"), ("warnings", "warn"), ("suppressed", "suppressed"))),
        collections.Counter(),
    )


def checkov_templates() -> list:
    """Corpus templates Checkov 3.3.30 can read: it exits 2 on Fn::ForEach and Rain modules."""
    from perimeter_checks.sources.cloudformation import template_of_file

    return [
        path for path in sorted((CORPUS / "cloudformation").rglob("*"))
        if path.suffix in (".yaml", ".yml", ".json", ".template")
        and "Fn::ForEach" not in path.read_text(errors="ignore")
        and template_of_file(str(path)) is not None
    ]


def load_triage(path: Path = TRIAGE_FILE) -> list:
    if not path.exists():
        return []
    return yaml.safe_load(path.read_text(encoding="utf-8")).get("findings") or []


def triage_counter(entries: list) -> collections.Counter:
    return collections.Counter({(e["rule"], e["resource"], e["file"], e["verdict"]): e["count"] for e in entries})


def updated_entries(found: collections.Counter, entries: list) -> list:
    known = {(e["rule"], e["resource"], e["file"], e["verdict"]): e for e in entries}
    rows = []
    for key in sorted(found):
        rule, resource, file, verdict = key
        old = known.get(key, {})
        rows.append({
            "rule": rule, "resource": resource, "file": file, "verdict": verdict, "count": found[key],
            "triage": old.get("triage", UNTRIAGED), "reason": old.get("reason", ""),
        })
    return rows


def write_triage(entries: list, path: Path = TRIAGE_FILE) -> None:
    text = yaml.safe_dump({"findings": entries}, sort_keys=False, width=1000, allow_unicode=True)
    path.write_text(_HEADER + text, encoding="utf-8")


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the triage file from a fresh scan")
    args = parser.parse_args(argv)
    found = scan_corpus("python")
    entries = load_triage()
    if args.update:
        write_triage(updated_entries(found, entries))
        entries = load_triage()
    recorded = triage_counter(entries)
    tally = collections.Counter((e["verdict"], e["triage"]) for e in entries for _ in range(e["count"]))
    for (verdict, triage), number in sorted(tally.items()):
        sys.stdout.write(f"{verdict:<5} {triage:<15} {number}\n")
    if found != recorded:
        sys.stdout.write(f"the scan differs from {TRIAGE_FILE.name}: run with --update and triage\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
