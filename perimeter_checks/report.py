"""Scan reports: text, json, sarif, junit, markdown. Input is a list of finding records."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape, quoteattr

from perimeter_checks import __version__
from perimeter_checks.catalog import SEVERITIES, load_catalog

_SARIF_LEVEL = {"CRITICAL": "error", "HIGH": "error", "MEDIUM": "warning", "LOW": "note"}
_SARIF_SCORE = {"CRITICAL": "9.5", "HIGH": "8.0", "MEDIUM": "5.5", "LOW": "3.0"}


def _sorted(records: list) -> list:
    return sorted(records, key=lambda r: (r["file"], r["line"], r["resource"], r["rule_id"], r["message"]))


def text_report(records: list, summary: dict) -> str:
    lines = []
    for record in _sorted(records):
        tag = "SKIP" if record["suppressed"] else "FAIL" if record["verdict"] == "fail" else "WARN"
        lines.append(
            f"{tag} {record['rule_id']} [{record['mitigation']} {record['severity']}] {record['resource']}"
            f" ({record['file']}:{record['line']})\n     {record['message']}"
        )
        if record["suppressed"]:
            lines.append(f"     suppressed ({record['suppressed']['source']}): {record['suppressed']['reason']}")
    lines.append(
        f"{summary['resources']} resources scanned: {summary['failures']} failures, {summary['warnings']} warnings,"
        f" {summary['suppressed']} suppressed"
    )
    by_mitigation = {}
    for record in records:
        by_mitigation.setdefault(record["mitigation"], 0)
        by_mitigation[record["mitigation"]] += 1
    if by_mitigation:
        lines.append("by mitigation: " + ", ".join(f"{m} {n}" for m, n in sorted(by_mitigation.items())))
    return "\n".join(lines) + "\n"


def json_report(records: list, summary: dict) -> str:
    return json.dumps({"version": __version__, "summary": summary, "findings": _sorted(records)}, indent=2) + "\n"


def sarif_report(records: list, summary: dict) -> str:
    catalog = load_catalog()
    rules = [
        {
            "id": rule.id,
            "name": rule.id,
            "shortDescription": {"text": rule.name},
            "fullDescription": {"text": rule.rationale},
            "help": {"text": rule.remediation},
            "helpUri": rule.guideline,
            "properties": {
                "security-severity": _SARIF_SCORE[rule.severity],
                "tags": ["security", rule.mitigation.id, rule.mitigation.boundary],
            },
        }
        for rule in catalog.rules
    ]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = [
        {
            "ruleId": record["rule_id"],
            "ruleIndex": index[record["rule_id"]],
            "level": _SARIF_LEVEL[record["severity"]] if record["verdict"] == "fail" else "note",
            "message": {"text": f"{record['resource']}: {record['message']} ({record['mitigation']})"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": record["file"]},
                        "region": {"startLine": max(1, record["line"])},
                    }
                }
            ],
            "properties": {"verdict": record["verdict"], "mitigation": record["mitigation"]},
            **(
                {
                    "suppressions": [
                        {
                            "kind": "inSource" if record["suppressed"]["source"] == "inline" else "external",
                            "justification": record["suppressed"]["reason"],
                        }
                    ]
                }
                if record["suppressed"]
                else {}
            ),
        }
        for record in _sorted(records)
    ]
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "perimeter-checks",
                        "version": __version__,
                        "informationUri": "https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, indent=2) + "\n"


def junit_report(records: list, summary: dict) -> str:
    cases = []
    for record in _sorted(records):
        name = quoteattr(f"{record['rule_id']} {record['resource']}")
        body = escape(f"{record['message']} ({record['file']}:{record['line']})")
        kind = "failure" if record["verdict"] == "fail" and not record["suppressed"] else "skipped"
        if record["suppressed"]:
            body += escape(f" [suppressed: {record['suppressed']['reason']}]")
        cases.append(
            f"    <testcase classname={quoteattr(record['mitigation'])} name={name}>"
            f"<{kind} message={quoteattr(record['title'])}>{body}</{kind}></testcase>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites><testsuite name="perimeter-checks" tests="{len(cases)}" failures="{summary["failures"]}"'
        f' skipped="{summary["warnings"] + summary["suppressed"]}">\n' + "\n".join(cases) + "\n</testsuite></testsuites>\n"
    )


def markdown_report(records: list, summary: dict) -> str:
    lines = [
        "## perimeter-checks",
        "",
        f"{summary['resources']} resources scanned: **{summary['failures']} failures**, {summary['warnings']} warnings,"
        f" {summary['suppressed']} suppressed.",
    ]
    if records:
        lines += ["", "| | Rule | Mitigation | Severity | Resource | Location | Finding |", "|---|---|---|---|---|---|---|"]
        for record in _sorted(records):
            icon = "🔕" if record["suppressed"] else "❌" if record["verdict"] == "fail" else "⚠️"
            message = record["message"].replace("|", "\\|")
            if record["suppressed"]:
                message += f" (suppressed: {record['suppressed']['reason']})"
            lines.append(
                f"| {icon} | `{record['rule_id']}` | {record['mitigation']} | {record['severity']} |"
                f" `{record['resource']}` | {record['file']}:{record['line']} | {message} |"
            )
    return "\n".join(lines) + "\n"


FORMATS = {
    "text": text_report,
    "json": json_report,
    "sarif": sarif_report,
    "junit": junit_report,
    "markdown": markdown_report,
}


def severity_at_least(severity: str, threshold: str) -> bool:
    return SEVERITIES.index(severity) >= SEVERITIES.index(threshold.upper())
