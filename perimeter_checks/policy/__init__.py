"""The IAM policy model: one normalized document and the perimeter predicates over it.

Pure Python and free of Checkov imports, so every engine shares the same semantics.
"""
