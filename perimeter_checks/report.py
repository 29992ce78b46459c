"""Scan reports: text (with the perimeter matrix), json, sarif, junit, markdown.

Every format takes finding records (see scan.finding_record) and a Report context;
suppressed findings are listed with their reason in every format.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from perimeter_checks import __version__
from perimeter_checks.catalog import SEVERITIES, load_catalog

BOUNDARIES = ("identity", "resource", "network")
OBJECTIVES = ("Only My IAM", "Only My Resources", "Only My Networks")
_SARIF_LEVEL = {"CRITICAL": "error", "HIGH": "error", "MEDIUM": "warning", "LOW": "note"}
_SARIF_SCORE = {"CRITICAL": "9.5", "HIGH": "8.0", "MEDIUM": "5.5", "LOW": "3.0"}
_COLOURS = {"fail": "\033[31m", "warn": "\033[33m", "skip": "\033[2m", "ok": "\033[32m", "end": "\033[0m"}


@dataclass
class Report:
    records: list
    resources: int
    perimeter: dict = field(default_factory=dict)  # the config in effect, for the reader
    colour: bool = False
    # Organization perimeter summary: per unit defining SCPs/RCPs, which controls exist
    # (rules.organization_summary); the *_MISSING rules report the gaps as findings.
    organization: list = field(default_factory=list)

    @property
    def failures(self) -> list:
        return [r for r in self.sorted if r["verdict"] == "fail" and not r["suppressed"]]

    @property
    def warnings(self) -> list:
        return [r for r in self.sorted if r["verdict"] != "fail" and not r["suppressed"]]

    @property
    def suppressed(self) -> list:
        return [r for r in self.sorted if r["suppressed"]]

    @property
    def sorted(self) -> list:
        return sorted(self.records, key=lambda r: (r["file"], r["line"], r["resource"], r["rule_id"], r["message"]))

    @property
    def summary(self) -> dict:
        return {
            "resources": self.resources,
            "failures": len(self.failures),
            "warnings": len(self.warnings),
            "suppressed": len(self.suppressed),
        }

    def matrix(self) -> dict:
        """(boundary, objective) -> [failures, warnings] over unsuppressed findings."""
        cells = {(b, o): [0, 0] for b in BOUNDARIES for o in OBJECTIVES}
        for record in self.failures + self.warnings:
            cells[(record["boundary"], record["objective"])][record["verdict"] != "fail"] += 1
        return cells


def _paint(report: Report, kind: str, text: str) -> str:
    return f"{_COLOURS[kind]}{text}{_COLOURS['end']}" if report.colour else text


def _matrix_cell(counts: list) -> str:
    failures, warnings = counts
    if not failures and not warnings:
        return "✓"
    return ", ".join(part for part in (f"{failures} fail" if failures else "", f"{warnings} warn" if warnings else "") if part)


def text_report(report: Report) -> str:
    lines = []
    by_mitigation: dict = {}
    for record in report.sorted:
        by_mitigation.setdefault(record["mitigation"], []).append(record)
    titles = {m.id: m.title for m in load_catalog().mitigations}
    for mitigation in sorted(by_mitigation):
        lines.append(f"{mitigation} {titles[mitigation]}")
        for record in by_mitigation[mitigation]:
            kind = "skip" if record["suppressed"] else "fail" if record["verdict"] == "fail" else "warn"
            tag = _paint(report, kind, {"skip": "SKIP", "fail": "FAIL", "warn": "WARN"}[kind])
            lines.append(
                f"  {tag} {record['rule_id']} [{record['severity']}] {record['resource']}"
                f" ({record['file']}:{record['line']})\n       {record['message']}"
            )
            if record["suppressed"]:
                lines.append(f"       suppressed ({record['suppressed']['source']}): {record['suppressed']['reason']}")
        lines.append("")
    width = max(len(o) for o in OBJECTIVES) + 2
    lines.append(("Perimeter".ljust(10) + "".join(o.ljust(width) for o in OBJECTIVES)).rstrip())
    for boundary in BOUNDARIES:
        row = boundary.ljust(10)
        for objective in OBJECTIVES:
            counts = report.matrix()[(boundary, objective)]
            cell = _matrix_cell(counts).ljust(width)
            row += _paint(report, "ok" if cell.strip() == "✓" else "fail" if counts[0] else "warn", cell)
        lines.append(row.rstrip())
    if report.organization:
        lines += [""] + organization_lines(report)
    summary = report.summary
    lines.append(
        f"\n{summary['resources']} resources scanned: {summary['failures']} failures, {summary['warnings']} warnings,"
        f" {summary['suppressed']} suppressed"
    )
    return "\n".join(lines) + "\n"


def organization_lines(report: Report) -> list:
    """The organization perimeter section: one block per unit that defines SCPs/RCPs."""
    lines = []
    for unit in report.organization:
        lines.append(f"Organization perimeter: {unit['unit'] or '(input)'} ({len(unit['policies'])} SCP/RCP)")
        for control in unit["controls"]:
            mark = "present" if control["present"] else "MISSING"
            lines.append(f"  {mark:<8} {control['mitigation']} {control['description']}")
        if unit["unreadable"]:
            lines.append(f"  ({unit['unreadable']} policy cannot be read statically)")
    return lines


def _public(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in ("verdict",)}


def json_report(report: Report) -> str:
    return json.dumps(
        {
            "version": __version__,
            "findings": [_public(r) for r in report.failures],
            "warnings": [_public(r) for r in report.warnings],
            "suppressed": [_public(r) for r in report.suppressed],
            "summary": report.summary,
            "perimeter": report.perimeter,
            "organization": report.organization,
        },
        indent=2,
    ) + "\n"


def sarif_report(report: Report) -> str:
    catalog = load_catalog()
    rules = [
        {
            "id": rule.id,
            "name": "".join(part.capitalize() for part in rule.id.lower().split("_")),
            "shortDescription": {"text": rule.name},
            "fullDescription": {"text": rule.rationale},
            "help": {"text": rule.remediation},
            "helpUri": rule.guideline,
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
            "properties": {
                "security-severity": _SARIF_SCORE[rule.severity],
                "tags": ["security", rule.mitigation.id, rule.mitigation.boundary],
            },
        }
        for rule in catalog.rules
    ]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for record in report.sorted:
        result = {
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
        }
        if record["suppressed"]:
            result["suppressions"] = [
                {
                    "kind": "inSource" if record["suppressed"]["source"] == "inline" else "external",
                    "justification": record["suppressed"]["reason"],
                }
            ]
        results.append(result)
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


def junit_report(report: Report) -> str:
    cases = []
    for record in report.sorted:
        name = quoteattr(f"{record['rule_id']} {record['resource']}")
        body = escape(f"{record['message']} ({record['file']}:{record['line']})")
        if record["suppressed"]:
            body += escape(f" [suppressed: {record['suppressed']['reason']}]")
        kind = "failure" if record["verdict"] == "fail" and not record["suppressed"] else "skipped"
        cases.append(
            f"    <testcase classname={quoteattr(record['mitigation'])} name={name}>"
            f"<{kind} message={quoteattr(record['title'])}>{body}</{kind}></testcase>"
        )
    summary = report.summary
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites><testsuite name="perimeter-checks" tests="{len(cases)}" failures="{summary["failures"]}"'
        f' skipped="{summary["warnings"] + summary["suppressed"]}">\n' + "\n".join(cases) + "\n</testsuite></testsuites>\n"
    )


def markdown_report(report: Report) -> str:
    summary = report.summary
    lines = [
        "## perimeter-checks",
        "",
        f"{summary['resources']} resources scanned: **{summary['failures']} failures**, {summary['warnings']} warnings,"
        f" {summary['suppressed']} suppressed.",
        "",
        "| Boundary | " + " | ".join(OBJECTIVES) + " |",
        "|---|---|---|---|",
    ]
    for boundary in BOUNDARIES:
        lines.append(f"| {boundary} | " + " | ".join(_matrix_cell(report.matrix()[(boundary, o)]) for o in OBJECTIVES) + " |")
    for unit in report.organization:
        lines += ["", f"**Organization perimeter** `{unit['unit'] or '(input)'}`", "", "| Control | Mitigation | |", "|---|---|---|"]
        for control in unit["controls"]:
            lines.append(f"| {control['description']} | {control['mitigation']} | {'✅' if control['present'] else '❌ missing'} |")
    if report.records:
        lines += ["", "| | Rule | Mitigation | Severity | Resource | Location | Finding |", "|---|---|---|---|---|---|---|"]
        for record in report.sorted:
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
