"""perimeter-checks command line: scan, catalog, path, check-config."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from perimeter_checks.catalog import load_catalog
from perimeter_checks.config import ConfigError, PerimeterConfig, config_path_from_environment, load_config_file

PACKAGE_DIR = Path(__file__).resolve().parent
# Installed, rego/ lives in the package; in a source checkout it is beside it.
_REGO = PACKAGE_DIR / "rego" if (PACKAGE_DIR / "rego").is_dir() else PACKAGE_DIR.parent / "rego"
ENGINE_PATHS = {"checkov": PACKAGE_DIR / "checkov", "rego": _REGO}


def _catalog(args) -> int:
    catalog = load_catalog()
    if args.format == "json":
        json.dump(catalog.as_dict(), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    rows = [("ID", "MIT", "BOUNDARY", "SEVERITY", "TITLE")]
    rows += [(r.id, r.mitigation.id, r.mitigation.boundary, r.severity, r.title) for r in catalog.rules]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        sys.stdout.write("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4] + "\n")
    sys.stdout.write("\nMitigations:\n")
    for m in catalog.mitigations:
        sys.stdout.write(f"  {m.id}  {m.boundary:<8}  {m.objective:<17}  {m.title}\n")
    return 0


def _path(args) -> int:
    path = ENGINE_PATHS[args.engine]
    if not path.is_dir():
        sys.stderr.write(f"perimeter-checks: the {args.engine} folder is missing from this installation ({path})\n")
        return 2
    sys.stdout.write(f"{path}\n")
    return 0


def _bundle(args) -> int:
    """An OPA bundle (.manifest + policies, no tests) for `opa eval -b` or an OPA server."""
    import io
    import tarfile

    from perimeter_checks import __version__

    rego_dir = ENGINE_PATHS["rego"]
    policies = [p for p in sorted(rego_dir.rglob("*.rego")) if not p.name.endswith("_test.rego")]
    manifest = {"revision": f"perimeter-checks-{__version__}", "roots": ["main", "perimeter_checks"]}
    with tarfile.open(args.output, "w:gz") as bundle:
        for name, payload in [(".manifest", json.dumps(manifest, indent=2).encode())] + [
            (str(p.relative_to(rego_dir)), p.read_bytes()) for p in policies
        ]:
            info = tarfile.TarInfo(f"/{name}")
            info.size, info.mode = len(payload), 0o644
            bundle.addfile(info, io.BytesIO(payload))
    sys.stdout.write(f"{args.output}: {len(policies)} policies, roots {', '.join(manifest['roots'])}\n")
    return 0


def _docs(args) -> int:
    from perimeter_checks.docs import render_mitigations

    text = render_mitigations()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _check_config(args) -> int:
    config = load_config_file(args.file)
    sys.stdout.write(f"{args.file}: ok ({', '.join(k for k in ('org_ids', 'account_ids') if getattr(config, k))})\n")
    return 0


def _scan(args) -> int:
    """Exit 0: nothing at or above --fail-on; 1: failures; 2: unreadable input or config."""
    from perimeter_checks.scan import finding_record, scan

    config_path = args.config or config_path_from_environment()
    config = load_config_file(config_path) if config_path else PerimeterConfig()
    if args.engine == "checkov":
        return _scan_with_engine(args, config_path, config)
    from perimeter_checks.engines import EngineUnavailable

    try:
        result = scan(args.paths, config, skip_non_iac=args.skip_non_iac, engine=args.engine,
                      progress=_progress if sys.stderr.isatty() else None)
    except EngineUnavailable as exc:
        sys.stderr.write(f"perimeter-checks: {exc}\n")
        return 2
    for error in result.errors:
        sys.stderr.write(f"perimeter-checks: {error}\n")
    for note in result.warnings + sorted(set(result.expired)):
        sys.stderr.write(f"perimeter-checks: warning: {note}\n")
    if args.verbose:
        for note in result.notes:
            sys.stderr.write(f"perimeter-checks: note: {note}\n")
    records = [finding_record(*entry) for entry in result.findings]
    code = _report(args, records, result.resources, config, organization=result.organization)
    return 2 if result.errors else code


def _scan_with_engine(args, config_path, config: PerimeterConfig) -> int:
    from perimeter_checks.engines import EngineUnavailable, run_checkov

    try:
        records, resources = run_checkov(args.paths, str(config_path) if config_path else None)
    except EngineUnavailable as exc:
        sys.stderr.write(f"perimeter-checks: {exc}\n")
        return 2
    return _report(args, records, resources, config)


def _report(args, records: list, resources: int, config: PerimeterConfig, organization: list = ()) -> int:
    from perimeter_checks.report import FORMATS, Report, severity_at_least

    report = Report(records, resources, config.values(), colour=not args.output and _colour_terminal(),
                    organization=list(organization))
    output = FORMATS[args.format](report)
    if args.output:
        Path(args.output).write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
    return 1 if any(severity_at_least(r["severity"], args.fail_on) for r in report.failures) else 0


def _progress(done: int, total: int) -> None:
    """Progress on a terminal's stderr, for long scans only; nothing in CI logs."""
    if total >= 20:
        sys.stderr.write(f"\rperimeter-checks: judging input {done}/{total}" + ("\n" if done == total else ""))
        sys.stderr.flush()


def _colour_terminal() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="perimeter-checks", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    scan = commands.add_parser("scan", help="scan Terraform, plan JSON and CloudFormation files or folders")
    scan.add_argument("paths", nargs="+", metavar="PATH")
    scan.add_argument("--config", help="perimeter.yaml (default: $PERIMETER_CONFIG, else ./perimeter.yaml)")
    scan.add_argument("--engine", choices=("python", "rego", "checkov"), default="python",
                      help="python: embedded (default); rego: the Rego rules in OPA; checkov: Checkov with our checks")
    scan.add_argument("--format", choices=("text", "json", "sarif", "junit", "markdown"), default="text")
    scan.add_argument("--output", help="write the report here instead of stdout")
    scan.add_argument("--fail-on", choices=("low", "medium", "high", "critical"), default="low",
                      help="lowest severity of a failure that makes the exit code 1 (default: low)")
    scan.add_argument("--skip-non-iac", action="store_true",
                      help="named files that are not IaC are skipped, not errors (for pre-commit file lists)")
    scan.add_argument("-v", "--verbose", action="store_true", help="list skipped files")
    scan.set_defaults(run=_scan)
    catalog = commands.add_parser("catalog", help="list the mitigations and rules")
    catalog.add_argument("--format", choices=("text", "json"), default="text")
    catalog.set_defaults(run=_catalog)
    path = commands.add_parser("path", help="print the folder an engine loads our checks from")
    path.add_argument("engine", choices=sorted(ENGINE_PATHS))
    path.set_defaults(run=_path)
    bundle = commands.add_parser("bundle", help="write an OPA bundle of the Rego rules (for opa eval -b / OPA server)")
    bundle.add_argument("output", metavar="OUT.tar.gz")
    bundle.set_defaults(run=_bundle)
    docs = commands.add_parser("docs", help="render docs/mitigations.md from the catalog")
    docs.add_argument("--output", help="write here instead of stdout")
    docs.set_defaults(run=_docs)
    check = commands.add_parser("check-config", help="validate a perimeter.yaml")
    check.add_argument("file")
    check.set_defaults(run=_check_config)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except ConfigError as exc:
        sys.stderr.write(f"perimeter-checks: invalid config: {exc}\n")
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
