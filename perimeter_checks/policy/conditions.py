"""Condition clauses: one (operator, key, values) triple with IAM's evaluation rules.

Operators and keys are case-insensitive. Within a statement every clause must hold
(AND) and a clause holds when any of its values matches (OR), so a single clause
that restricts identity is enough to restrict the statement.
"""

from __future__ import annotations

from dataclasses import dataclass

from perimeter_checks.policy.values import Unresolved, as_text

_NEGATED = {
    "stringnotequals",
    "stringnotequalsignorecase",
    "stringnotlike",
    "arnnotequals",
    "arnnotlike",
    "numericnotequals",
    "datenotequals",
    "notipaddress",
}
# Operators that, in an Allow and without IfExists, fail when the key is absent.
_MATCHING = {"stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"}


@dataclass(frozen=True)
class Clause:
    operator: str  # as written
    base: str  # lowercased, without set qualifier and IfExists
    qualifier: str  # "", "forallvalues" or "foranyvalue"
    if_exists: bool
    key: str  # lowercased
    values: tuple  # str or Unresolved

    @property
    def negated(self) -> bool:
        return self.base in _NEGATED

    @property
    def requires_match(self) -> bool:
        """True when the clause only holds for requests that carry a matching key value.

        IfExists lets requests without the key through (anonymous callers carry no
        aws:PrincipalOrgID), negated operators hold for every other value, and
        ForAllValues holds vacuously when the key is absent.
        """
        return self.base in _MATCHING and not self.if_exists and self.qualifier != "forallvalues"

    @property
    def holds_when_key_absent(self) -> bool:
        """True when a request without the key satisfies the clause."""
        if self.base == "null":
            return any(isinstance(v, str) and v.lower() == "true" for v in self.values)
        return self.if_exists or self.negated or self.qualifier == "forallvalues"

    def describe(self) -> str:
        shown = ", ".join(str(v) for v in self.values)
        return f"{self.operator} {self.key} [{shown}]"


def parse_operator(operator: str) -> tuple:
    """Split e.g. 'ForAnyValue:StringLikeIfExists' into ('stringlike', 'foranyvalue', True)."""
    text = operator.strip()
    qualifier = ""
    if ":" in text:
        prefix, text = text.split(":", 1)
        qualifier = prefix.strip().lower()
    lowered = text.strip().lower()
    if_exists = lowered.endswith("ifexists")
    if if_exists:
        lowered = lowered[: -len("ifexists")]
    return lowered, qualifier, if_exists


def parse_conditions(raw) -> tuple:
    if raw is None:
        return ()
    if isinstance(raw, Unresolved) or not isinstance(raw, dict):
        return (Clause(str(raw)[:80], "unresolved", "", False, "?", (Unresolved(str(raw)[:80]),)),)
    clauses = []
    for operator, body in raw.items():
        operator = str(operator)
        if operator.startswith("__"):
            continue
        base, qualifier, if_exists = parse_operator(operator)
        if not isinstance(body, dict):
            clauses.append(Clause(operator, base, qualifier, if_exists, "?", (Unresolved(repr(body)[:80]),)))
            continue
        for key, values in body.items():
            if str(key).startswith("__"):
                continue
            items = values if isinstance(values, (list, tuple)) else [values]
            clauses.append(
                Clause(operator, base, qualifier, if_exists, str(key).lower(), tuple(as_text(v) for v in items))
            )
    return tuple(clauses)
