"""The benchmark runs (on tiny inputs): its real figures live in bench/RESULTS.md."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_quick_mode_prints_all_four_ratios(tmp_path):
    out = tmp_path / "results.json"
    result = subprocess.run([sys.executable, "-m", "bench", "--quick", "--out", str(out)],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    for heading in ("(a) scan vs Checkov", "(b) Checkov with our checks", "(c) Rego full evaluation", "10k/1k"):
        assert heading in result.stdout
    report = json.loads(out.read_text())
    row = report["a_b"][0]
    assert row["findings_identical"] and row["a_speedup"] > 0 and row["b_overhead"] > 0
    assert report["rego_python"]["c_rego_large_over_small"] > 0
