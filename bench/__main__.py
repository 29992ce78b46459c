"""python -m bench [--quick] [--runs N] [--checkov-runs N] [--out FILE]

Four ratios, each measured side by side in one run (these machines are noisy):
  (a) `perimeter-checks scan` (python engine) vs Checkov with our checks only, same files,
      with the findings of both compared;
  (b) Checkov with our external checks vs Checkov without them (built-ins only);
  (c) the Rego rules over generated 1k/10k-resource plans vs a trivial query over the same
      input in the same in-process OPA, and 10k vs 1k;
  (d) the python engine on the same plans: time, 10k vs 1k, and peak memory.
Whole processes are timed with wall clock and their peak RSS from wait4(); in-process
work with time.perf_counter. Each figure is the median of the runs, with min and max.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import generate_plan

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
# Checkov needs about 5 minutes for the whole Terraform corpus; its policy-heavy modules
# keep the Checkov side of (a) and (b) within the time budget.
TERRAFORM_SAMPLE = ["terraform-aws-sqs", "terraform-aws-sns", "terraform-aws-kms", "terraform-aws-secrets-manager",
                    "terraform-aws-ecr"]
BIN = Path(sys.executable).parent


def process(command: list, env: dict | None = None) -> tuple:
    """(seconds, peak RSS in MB, stdout) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    stdout = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, stdout.decode()


def stats(samples: list) -> dict:
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples), "runs": len(samples)}


def repeat(runs: int, measure) -> tuple:
    results = [measure() for _ in range(runs)]
    return stats([r[0] for r in results]), results[-1]


def finding_keys(report_json: str) -> set:
    report = json.loads(report_json)
    return {(f["rule_id"], f["resource"], kind) for kind in ("findings", "warnings") for f in report[kind]}


def scan_command(paths: list, engine: str) -> list:
    return [str(BIN / "perimeter-checks"), "scan", *map(str, paths), "--engine", engine, "--format", "json",
            "--skip-non-iac"]


def checkov_command(paths: list, framework: str, ours: bool) -> list:
    command = [str(BIN / "checkov")]
    for path in paths:
        command += ["-d" if path.is_dir() else "-f", str(path)]
    command += ["--framework", framework, "--skip-download", "--quiet", "-o", "json"]
    if ours:
        command += ["--external-checks-dir", str(ROOT / "perimeter_checks" / "checkov")]
    return command


def bench_a_b(datasets: list, runs: int, checkov_runs: int) -> list:
    rows = []
    for name, paths, checkov_path, framework in datasets:
        ours, (_, ours_rss, ours_out) = repeat(runs, lambda: process(scan_command(paths, "python")))
        ckv, (_, ckv_rss, ckv_out) = repeat(checkov_runs, lambda: process(scan_command(paths, "checkov")))
        with_ours, _ = repeat(checkov_runs, lambda: process(checkov_command(checkov_path, framework, True)))
        without, _ = repeat(checkov_runs, lambda: process(checkov_command(checkov_path, framework, False)))
        python_keys, checkov_keys = finding_keys(ours_out), finding_keys(ckv_out)
        rows.append({
            "dataset": name,
            "scan_python_s": ours, "scan_python_peak_mb": ours_rss,
            "checkov_perim_only_s": ckv, "checkov_peak_mb": ckv_rss,
            "a_speedup": ckv["median"] / ours["median"],
            "findings": len(python_keys), "findings_identical": python_keys == checkov_keys,
            "findings_only_python": sorted(map(list, python_keys - checkov_keys))[:20],
            "findings_only_checkov": sorted(map(list, checkov_keys - python_keys))[:20],
            "checkov_with_ours_s": with_ours, "checkov_without_ours_s": without,
            "b_overhead": with_ours["median"] / without["median"],
        })
    return rows


def bench_rego_and_python(sizes: list, runs: int) -> dict:
    from opa_bindings.engine import OpaEngine

    from perimeter_checks.catalog import load_catalog
    from perimeter_checks.config import load_config_file
    from perimeter_checks.rego_engine import perimeter_data
    from perimeter_checks.rules import evaluate
    from perimeter_checks.sources.plan import plan_views

    config = load_config_file(ROOT / "examples" / "perimeter.yaml")
    engine = OpaEngine()
    for path in sorted((ROOT / "rego").rglob("*.rego")):
        if not path.name.endswith("_test.rego"):
            engine.add_policy(str(path.relative_to(ROOT)), path.read_text())
    engine.add_data(perimeter_data(config))
    rules = load_catalog().rules
    result = {}
    for size in sizes:
        plan = generate_plan(size)

        def full():
            start = time.perf_counter()
            engine.eval_document("main", plan)
            return (time.perf_counter() - start,)

        def trivial():
            start = time.perf_counter()
            engine.eval_query("n := count(input.resource_changes)", plan)
            return (time.perf_counter() - start,)

        def python():
            start = time.perf_counter()
            for view in plan_views(plan):
                for rule in rules:
                    evaluate(rule, view, config)
            return (time.perf_counter() - start,)

        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(plan, handle)
        _, peak_mb, _ = process(scan_command([handle.name], "python"))
        os.unlink(handle.name)
        full(), trivial(), python()  # warm-up: OPA compiles the policies on the first query
        rego_full, _ = repeat(runs, full)
        rego_trivial, _ = repeat(runs, trivial)
        python_time, _ = repeat(runs, python)
        result[size] = {
            "resources": len(plan["resource_changes"]),
            "rego_full_s": rego_full, "rego_trivial_s": rego_trivial,
            "c_full_over_trivial": rego_full["median"] / rego_trivial["median"],
            "python_s": python_time, "python_scan_process_peak_mb": peak_mb,
        }
    if len(sizes) == 2:
        small, large = sizes
        result["c_rego_large_over_small"] = result[large]["rego_full_s"]["median"] / result[small]["rego_full_s"]["median"]
        result["d_python_large_over_small"] = result[large]["python_s"]["median"] / result[small]["python_s"]["median"]
    return result


def datasets(quick: bool, plan_file: Path) -> list:
    if quick:
        sample = ROOT / "examples" / "terraform" / "sqs"
        return [("examples-sqs", [sample], [sample], "terraform")]
    terraform = [CORPUS / "terraform" / name for name in TERRAFORM_SAMPLE]
    # Checkov 3.3.30 crashes (exit 2, "unhashable type") on templates using Fn::ForEach or
    # Rain modules (a Type that is not a string); both are left out of the comparison.
    from tools.corpus_findings import checkov_templates

    cloudformation = Path(tempfile.mkdtemp(prefix="cfn-sample-"))
    for index, path in enumerate(checkov_templates()):
        (cloudformation / f"{index:04d}-{path.name}").symlink_to(path)
    return [
        ("corpus/terraform (sample: " + ", ".join(TERRAFORM_SAMPLE) + ")", terraform, terraform, "terraform"),
        ("corpus/cloudformation (templates Checkov can parse)", [cloudformation], [cloudformation], "cloudformation"),
        ("generated plan (1k resources)", [plan_file], [plan_file], "terraform_plan"),
    ]


def table(report: dict) -> str:
    lines = ["(a) scan vs Checkov (our checks only)      median s (min-max)           speedup  identical"]
    for row in report["a_b"]:
        lines.append(
            f"  {row['dataset'][:40]:<40} {_cell(row['scan_python_s'])} vs {_cell(row['checkov_perim_only_s'])}"
            f"  {row['a_speedup']:6.1f}x  {row['findings_identical']} ({row['findings']} findings)"
        )
    lines.append("(b) Checkov with our checks vs without     median s (min-max)           overhead")
    for row in report["a_b"]:
        lines.append(
            f"  {row['dataset'][:40]:<40} {_cell(row['checkov_with_ours_s'])} vs {_cell(row['checkov_without_ours_s'])}"
            f"  {row['b_overhead']:6.2f}x"
        )
    rego = report["rego_python"]
    lines.append("(c) Rego full evaluation vs trivial query, (d) python engine")
    for size, row in rego.items():
        if isinstance(row, dict):
            lines.append(
                f"  {row['resources']:>6} resources: rego {_cell(row['rego_full_s'])} vs trivial {_cell(row['rego_trivial_s'])}"
                f" = {row['c_full_over_trivial']:.2f}x; python {_cell(row['python_s'])},"
                f" scan process peak {row['python_scan_process_peak_mb']:.0f} MB"
            )
    if "c_rego_large_over_small" in rego:
        lines.append(f"  10k/1k: rego {rego['c_rego_large_over_small']:.2f}x, python {rego['d_python_large_over_small']:.2f}x")
    return "\n".join(lines)


def _cell(s: dict) -> str:
    return f"{s['median']:7.3f} ({s['min']:.3f}-{s['max']:.3f})"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny inputs, one run: proves the benchmark works")
    parser.add_argument("--runs", type=int, default=5, help="runs of the fast measurements (default 5)")
    parser.add_argument("--checkov-runs", type=int, default=3, help="runs of each Checkov measurement (default 3)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.json"))
    args = parser.parse_args(argv)
    runs, checkov_runs = (1, 1) if args.quick else (args.runs, args.checkov_runs)
    with tempfile.TemporaryDirectory() as scratch:
        plan_file = Path(scratch) / "plan-1k.json"
        plan_file.write_text(json.dumps(generate_plan(1000)))
        report = {
            "date": time.strftime("%Y-%m-%d %H:%M:%S"),
            "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
            "quick": args.quick,
            "a_b": bench_a_b(datasets(args.quick, plan_file), runs, checkov_runs),
            "rego_python": bench_rego_and_python([50, 100] if args.quick else [1000, 10000], runs),
        }
    Path(args.out).write_text(json.dumps(report, indent=2, default=str))
    print(table(report))
    print(f"\nwritten: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
