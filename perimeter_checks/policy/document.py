"""Parse any input form of an IAM policy into one normalized document.

Forms: a dict, a JSON string, Terraform `jsonencode`/heredoc values as Checkov renders
them, `aws_iam_policy_document` statement blocks, and CloudFormation documents after
intrinsic resolution. Everything downstream works on `PolicyDocument` only.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field

from perimeter_checks.policy.conditions import Clause, parse_conditions
from perimeter_checks.policy.values import Unresolved, as_text, is_expression


@dataclass(frozen=True)
class Principal:
    """One principal entry. kind: "*" (the bare wildcard), AWS, Service, Federated, CanonicalUser."""

    kind: str
    value: object  # str or Unresolved


@dataclass(frozen=True)
class Statement:
    index: int
    sid: str
    effect: str  # "Allow" or "Deny" (anything else is kept as written)
    principals: tuple = ()
    not_principal: bool = False
    actions: tuple = ()
    not_action: bool = False
    resources: tuple = ()
    not_resource: bool = False
    conditions: tuple = ()  # Clause

    @property
    def label(self) -> str:
        return f"statement {self.sid!r}" if self.sid else f"statement #{self.index + 1}"

    @property
    def is_allow(self) -> bool:
        return self.effect.lower() == "allow"

    @property
    def is_deny(self) -> bool:
        return self.effect.lower() == "deny"


@dataclass(frozen=True)
class PolicyDocument:
    statements: tuple
    # Parts of the document that could not be read; each makes a verdict uncertain.
    problems: tuple = field(default_factory=tuple)

    def as_json(self, unresolved=lambda u: {"__unresolved__": u.expression}) -> dict:
        """IAM JSON with the same meaning (for engines that read raw policies, like the Rego twin)."""
        return {"Version": "2012-10-17", "Statement": [_statement_json(s, unresolved) for s in self.statements]}


def _statement_json(statement: "Statement", unresolved) -> dict:
    plain = lambda v: unresolved(v) if isinstance(v, Unresolved) else v  # noqa: E731
    body: dict = {"Effect": statement.effect}
    if statement.sid:
        body["Sid"] = statement.sid
    if statement.principals:
        if len(statement.principals) == 1 and statement.principals[0].kind in ("*", "?"):
            principal = "*" if statement.principals[0].kind == "*" else plain(statement.principals[0].value)
        else:
            principal = {}
            for p in statement.principals:
                principal.setdefault("AWS" if p.kind == "*" else p.kind, []).append(plain(p.value))
        body["NotPrincipal" if statement.not_principal else "Principal"] = principal
    body["NotAction" if statement.not_action else "Action"] = [plain(a) for a in statement.actions]
    if statement.resources:
        body["NotResource" if statement.not_resource else "Resource"] = [plain(r) for r in statement.resources]
    if statement.conditions:
        condition: dict = {}
        for clause in statement.conditions:
            condition.setdefault(clause.operator, {}).setdefault(clause.key, []).extend(plain(v) for v in clause.values)
        body["Condition"] = condition
    return body


class PolicyUnresolved(Exception):
    """The policy as a whole cannot be known statically; the message says why."""


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _principals(value) -> tuple:
    if isinstance(value, Unresolved) or (isinstance(value, str) and value != "*" and is_expression(value)):
        return (Principal("?", value if isinstance(value, Unresolved) else Unresolved(value)),)
    if isinstance(value, str):
        return (Principal("*", "*") if value.strip() == "*" else Principal("?", Unresolved(value)),)
    if not isinstance(value, dict):
        return (Principal("?", Unresolved(repr(value)[:80])),) if value not in (None, [], {}) else ()
    found = []
    for kind, entries in value.items():
        if str(kind).startswith("__"):
            continue
        canonical = {"aws": "AWS", "service": "Service", "federated": "Federated", "canonicaluser": "CanonicalUser"}.get(
            str(kind).lower(), str(kind)
        )
        for entry in _as_list(entries):
            if isinstance(entry, int) and not isinstance(entry, bool) and canonical == "AWS":
                entry = f"{entry:012d}"
            found.append(Principal(canonical, as_text(entry)))
    return tuple(found)


def _statement(index: int, raw) -> Statement:
    if not isinstance(raw, dict):
        raise PolicyUnresolved(f"statement #{index + 1} is not an object")
    get = {str(k).lower(): v for k, v in raw.items()}
    effect = as_text(get.get("effect", "Allow"))
    not_principal = "notprincipal" in get
    principals = _principals(get["notprincipal"] if not_principal else get.get("principal"))
    not_action = "notaction" in get
    actions = tuple(
        a if isinstance(a, Unresolved) else a.lower()
        for a in map(as_text, _as_list(get["notaction"] if not_action else get.get("action")))
    )
    not_resource = "notresource" in get
    resources = tuple(map(as_text, _as_list(get["notresource"] if not_resource else get.get("resource"))))
    return Statement(
        index=index,
        sid=str(get.get("sid") or ""),
        effect=str(effect),
        principals=principals,
        not_principal=not_principal,
        actions=actions,
        not_action=not_action,
        resources=resources,
        not_resource=not_resource,
        conditions=parse_conditions(get.get("condition")),
    )


def decode_policy_text(text: str):
    """A policy held as text: JSON, or Checkov's rendering of an unresolved jsonencode()."""
    stripped = text.strip()
    if not stripped:
        return None
    if stripped.startswith("${jsonencode(") and stripped.endswith(")}"):
        # Checkov renders jsonencode() of a partly unknown value as a Python literal
        # inside "${jsonencode(...)}"; its unknown parts stay "${...}" strings.
        try:
            return ast.literal_eval(stripped[len("${jsonencode("):-2])
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            raise PolicyUnresolved("jsonencode() expression could not be evaluated statically") from None
    if is_expression(stripped) and not stripped.startswith("{"):
        raise PolicyUnresolved(f"policy is the expression {stripped[:120]!r}")
    try:
        return json.loads(stripped)
    except (ValueError, RecursionError):
        raise PolicyUnresolved("policy text is not valid JSON") from None


def parse_policy(value) -> PolicyDocument:
    """Normalize a policy given as a dict or text. Raises PolicyUnresolved when it cannot be known."""
    if isinstance(value, Unresolved):
        raise PolicyUnresolved(f"policy is the expression {value.expression[:120]!r}")
    if isinstance(value, str):
        value = decode_policy_text(value)
    if value is None:
        return PolicyDocument(statements=())
    if not isinstance(value, dict):
        raise PolicyUnresolved(f"policy is a {type(value).__name__}, not a JSON object")
    get = {str(k).lower(): v for k, v in value.items()}
    raw_statements = get.get("statement")
    if isinstance(raw_statements, str) and is_expression(raw_statements):
        raise PolicyUnresolved("the Statement list is built by an expression")
    if isinstance(raw_statements, Unresolved):
        raise PolicyUnresolved(f"the Statement list is the expression {raw_statements.expression[:120]!r}")
    statements = tuple(_statement(i, s) for i, s in enumerate(_as_list(raw_statements)))
    return PolicyDocument(statements=statements)


def policy_from_document_blocks(statement_blocks) -> PolicyDocument:
    """Normalize `aws_iam_policy_document` statement blocks (attributes already unwrapped).

    Blocks use Terraform's names: effect, actions/not_actions, principals/not_principals
    as {type, identifiers}, and condition as {test, variable, values}.
    """
    statements = []
    for block in _as_list(statement_blocks):
        if not isinstance(block, dict):
            raise PolicyUnresolved("a statement block of the policy document is not an object")
        statement = {"Effect": block.get("effect") or "Allow"}
        if block.get("sid"):
            statement["Sid"] = block["sid"]
        for tf_key, iam_key in (("principals", "Principal"), ("not_principals", "NotPrincipal")):
            blocks = [b for b in _as_list(block.get(tf_key)) if isinstance(b, dict)]
            if blocks:
                grouped: dict = {}
                for principal in blocks:
                    kind = principal.get("type")
                    ids = _as_list(principal.get("identifiers"))
                    if kind == "*":
                        grouped.setdefault("AWS", []).append("*")
                    else:
                        grouped.setdefault(str(kind), []).extend(ids)
                statement[iam_key] = grouped
        if block.get("not_actions"):
            statement["NotAction"] = block["not_actions"]
        else:
            statement["Action"] = block.get("actions") or []
        if block.get("not_resources"):
            statement["NotResource"] = block["not_resources"]
        elif block.get("resources"):
            statement["Resource"] = block["resources"]
        conditions: dict = {}
        for cond in _as_list(block.get("condition")):
            if not isinstance(cond, dict):
                continue
            values = conditions.setdefault(str(cond.get("test")), {}).setdefault(str(cond.get("variable")), [])
            values.extend(_as_list(cond.get("values")))
        if conditions:
            statement["Condition"] = conditions
        statements.append(statement)
    return parse_policy({"Version": "2012-10-17", "Statement": statements})


__all__ = [
    "Clause",
    "Principal",
    "Statement",
    "PolicyDocument",
    "PolicyUnresolved",
    "parse_policy",
    "policy_from_document_blocks",
    "decode_policy_text",
]
