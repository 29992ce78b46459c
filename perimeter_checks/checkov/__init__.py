"""Pass this folder to `checkov --external-checks-dir` (see `perimeter-checks path checkov`).

Checkov executes every .py file here as a check module, so the folder holds only
the two registration modules; the logic lives in perimeter_checks.checkov_support.
"""
