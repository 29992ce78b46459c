"""The embedded scanner: files -> ResourceViews -> findings, with no Checkov import.

File kinds are detected by content: Terraform `.tf`, plan JSON (`terraform show
-json`), CloudFormation JSON/YAML. Anything else is skipped with a note.
"""

from __future__ import annotations

import datetime
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from perimeter_checks.catalog import load_catalog
from perimeter_checks.config import PerimeterConfig
from perimeter_checks.exemptions import Suppression, exemption_for, expiry_note
from perimeter_checks.rules import Finding, ResourceView, evaluate
from perimeter_checks.sources.terraform import SKIPPED_DIRS, scan_terraform

MAX_FILE_BYTES = 20 * 1024 * 1024
_DOCUMENT_SUFFIXES = {".json", ".yaml", ".yml", ".template"}


@dataclass
class ScanResult:
    findings: list = field(default_factory=list)  # (Finding, ResourceView, Suppression or None)
    errors: list = field(default_factory=list)  # one-line messages about unreadable input
    warnings: list = field(default_factory=list)  # files that could not be read; the scan went on
    notes: list = field(default_factory=list)  # skipped files
    expired: list = field(default_factory=list)  # exemptions that no longer apply
    resources: int = 0
    # Organization perimeter summary (rules.organization_summary): per unit defining SCPs/RCPs.
    organization: list = field(default_factory=list)


def _document_files(paths: list) -> list:
    found = []
    for root in map(Path, paths):
        if root.is_file():
            if root.suffix.lower() in _DOCUMENT_SUFFIXES:
                found.append(root)
            continue
        seen = set()
        for current, dirs, files in os.walk(root, followlinks=False):
            real = os.path.realpath(current)
            if real in seen:
                dirs[:] = []
                continue
            seen.add(real)
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
            found.extend(Path(current, f) for f in sorted(files) if Path(f).suffix.lower() in _DOCUMENT_SUFFIXES)
    return found


def _document_views(path: Path, result: ScanResult, explicit: bool) -> tuple:
    """(document, views) of one plan JSON or CloudFormation file; others noted and skipped."""
    problems = result.errors if explicit else result.warnings
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            problems.append(f"{path}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, not scanned")
            return None, []
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: cannot read ({getattr(exc, 'strerror', None) or 'not UTF-8 text'})")
        return None, []
    from perimeter_checks.sources import cloudformation, plan

    try:
        if path.suffix.lower() == ".json":
            try:
                document = json.loads(text)
            except (ValueError, RecursionError):
                raise cloudformation.TemplateError("invalid JSON") from None
        else:
            document = cloudformation.load_yaml(text)
    except cloudformation.TemplateError as exc:
        # Not necessarily IaC (any JSON/YAML in the tree), so the scan goes on, but it is said.
        problems.append(f"{path}: {exc}, not scanned")
        return None, []
    if plan.is_plan(document):
        return document, plan.plan_views(document, str(path), text)
    if cloudformation.is_template(document):
        return document, cloudformation.template_views(document, str(path), text)
    message = f"{path}: neither a Terraform plan nor a CloudFormation template, skipped"
    (result.errors if explicit else result.notes).append(message)
    return None, []


def collect_inputs(paths: list, result: ScanResult, skip_non_iac: bool = False) -> list:
    """[(document or None, views)]: each Terraform root module's views (no raw document), then each plan/template."""
    terraform = scan_terraform(paths)
    result.errors.extend(terraform.errors)
    inputs = [(None, views) for views in terraform.roots]
    named = {Path(p).resolve() for p in paths if Path(p).is_file()}
    unknown_kind = [p for p in paths if Path(p).is_file() and Path(p).suffix.lower() not in _DOCUMENT_SUFFIXES | {".tf"}]
    (result.notes if skip_non_iac else result.errors).extend(
        f"{p}: not a Terraform, plan or CloudFormation file" for p in unknown_kind
    )
    for path in _document_files(paths):
        document, views = _document_views(path, result, path.resolve() in named and not skip_non_iac)
        if views:
            inputs.append((document, views))
    if not inputs and not result.errors and not skip_non_iac:
        result.errors.append(f"no Terraform, plan or CloudFormation resources found in {', '.join(map(str, paths))}")
    return inputs


def suppression(finding: Finding, view: ResourceView, config: PerimeterConfig, today, notes: list):
    """Inline skip first, then an unexpired config exemption; expired ones leave a note."""
    inline = dict(view.skips).get(finding.rule_id)
    if inline is not None:
        return Suppression(inline, "inline")
    exemption, expired = exemption_for(config, finding.rule_id, finding.resource, today)
    notes.extend(expiry_note(e, finding.resource) for e in expired)
    return Suppression(exemption.reason, "config") if exemption else None


def scan(
    paths: list,
    config: PerimeterConfig,
    today: datetime.date | None = None,
    skip_non_iac: bool = False,
    engine: str = "python",
    progress=None,
) -> ScanResult:
    """Findings of every rule on every resource; engine "rego" lets the Rego twin judge."""
    today = today or datetime.date.today()
    result = ScanResult()
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        result.errors.extend(f"{p}: no such file or directory" for p in missing)
        return result
    inputs = collect_inputs(paths, result, skip_non_iac)
    result.resources = sum(len(views) for _, views in inputs)
    judge = _rego_judge(config) if engine == "rego" else _python_judge(config)
    for done, (document, views) in enumerate(inputs, 1):
        if progress is not None:
            progress(done, len(inputs))
        for finding, view in judge(document, views):
            result.findings.append((finding, view, suppression(finding, view, config, today, result.expired)))
    from perimeter_checks.rules import organization_summary

    result.organization = [
        {**unit, "unit": display_path(unit["unit"])}
        for unit in organization_summary([view for _, views in inputs for view in views])
    ]
    return result


def _python_judge(config: PerimeterConfig):
    rules = load_catalog().rules

    def judge(_document, views):
        for view in views:
            for rule in rules:
                for finding in evaluate(rule, view, config):
                    yield finding, view

    return judge


def _rego_judge(config: PerimeterConfig):
    """Rego decides; config exemptions are applied by Rego too and re-derived for the report."""
    from perimeter_checks.cli import ENGINE_PATHS
    from perimeter_checks.rego_engine import open_engine, rows, scanner_input

    engine = open_engine(ENGINE_PATHS["rego"], config)

    def judge(document, views):
        by_address = {view.address: view for view in views}
        results, exempted = engine.evaluate(scanner_input(views) if document is None else document)
        fallback = views[0] if views else None
        for rule_id, resource, verdict, message, _exemption in rows(results, exempted):
            # A finding is never dropped, even for an address the scanner's loaders do not know.
            view = by_address.get(resource) or ResourceView(
                fallback.framework, "", resource, {}, file=fallback.file if fallback else ""
            )
            yield Finding(rule_id, resource, verdict, message), view

    return judge


def display_path(file: str) -> str:
    """Paths under the working directory are reported relative to it (SARIF, code review)."""
    if not file or not os.path.isabs(file):
        return file
    relative = os.path.relpath(file)
    return file if relative.startswith("..") else relative


def finding_record(finding: Finding, view: ResourceView, suppressed: Suppression | None = None) -> dict:
    rule = load_catalog().rule(finding.rule_id)
    return {
        "rule_id": rule.id,
        "mitigation": rule.mitigation.id,
        "boundary": rule.mitigation.boundary,
        "objective": rule.mitigation.objective,
        "severity": rule.severity,
        "title": rule.title,
        "verdict": finding.verdict,
        "resource": finding.resource,
        "resource_type": view.type,
        "framework": view.framework,
        "file": display_path(view.file),
        "line": view.line,
        "message": finding.message,
        "guideline": rule.guideline,
        "suppressed": None if suppressed is None else {"reason": suppressed.reason, "source": suppressed.source},
    }
