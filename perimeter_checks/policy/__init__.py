"""The IAM policy model: one normalized document and the perimeter predicates over it.

Pure Python and free of Checkov imports, so every engine shares the same semantics.
"""

# The organization-policy and identity-policy predicates register themselves in
# analysis.PREDICATES (organizations imports analysis, so the import lives here).
from perimeter_checks.policy import organizations as _organizations  # noqa: E402,F401
