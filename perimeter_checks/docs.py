"""docs/mitigations.md, rendered from the catalog (a test keeps the file current)."""

from __future__ import annotations

from perimeter_checks.catalog import load_catalog


def render_mitigations() -> str:
    catalog = load_catalog()
    lines = [
        "# Mitigations and rules",
        "",
        "Generated from `perimeter_checks/catalog.yaml` by `perimeter-checks docs --output docs/mitigations.md`;",
        "do not edit by hand.",
        "",
    ]
    for mitigation in catalog.mitigations:
        rules = [r for r in catalog.rules if r.mitigation.id == mitigation.id]
        lines += [
            f"## {mitigation.id}: {mitigation.title}",
            "",
            f"Boundary: **{mitigation.boundary}**. Objective: **{mitigation.objective}**.",
            "",
            f"> {mitigation.text}",
            "",
        ]
        if not rules:
            lines += ["No rule implements this mitigation yet.", ""]
        for rule in rules:
            lines += [
                f"### `{rule.id}` ({rule.severity})",
                "",
                rule.title + ".",
                "",
                f"- Terraform: {', '.join(f'`{t}`' for t in sorted(rule.terraform)) or 'none'}",
                f"- CloudFormation: {', '.join(f'`{t}`' for t in sorted(rule.cloudformation)) or 'none'}",
                f"- Guideline: {rule.guideline}",
                "",
                f"**Why.** {rule.rationale}",
                "",
                f"**Fix.** {rule.remediation}",
                "",
            ]
    return "\n".join(lines).rstrip() + "\n"
