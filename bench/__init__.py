"""Benchmarks: perimeter-checks against Checkov and against OPA's floor (python -m bench)."""
