"""Values a static scan cannot always know: expressions, own-account tokens, wildcards.

Every input form (Terraform HCL as Checkov renders it, plan JSON, CloudFormation after
intrinsic resolution) reduces an unknowable part of a string to `${...}` or to a bare
Terraform reference, and a wholly unknowable value to `Unresolved`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Unresolved:
    """A value that exists but is not known before deploy."""

    expression: str

    def __str__(self) -> str:
        return self.expression


# "This account": CloudFormation's pseudo parameter and Terraform's caller identity.
_OWN_ACCOUNT = re.compile(
    r"^(?:\$\{)?(?:AWS::AccountId|data\.aws_caller_identity\.[\w-]+\.account_id)\}?$"
)
_BARE_REFERENCE = re.compile(r"^(?:var|local|module|data|each|count|self|aws_[a-z0-9_]+)\.[\w\-\[\]\"'.*]+$")
# Checkov renders unresolvable Terraform expressions as their source text: function calls
# (`try(each.value.principal, ...)`) and expressions over variables, locals or iterators.
_FUNCTION_CALL = re.compile(r"^[a-z][a-z0-9_]*\(.*\)$", re.DOTALL)
_REFERENCE_TOKEN = re.compile(r"(?<![\w.\-])(?:var|local|each|count)\.[a-z_]")
_ACCOUNT_ID = re.compile(r"^\d{12}$")
# The account segment may be an expression such as ${AWS::AccountId}, which holds colons.
_ACCOUNT_SEGMENT = r"(?P<account>\$\{[^}]*\}|[^:]*)"
_IAM_ARN = re.compile(r"^arn:[^:]*:(?:iam|sts)::" + _ACCOUNT_SEGMENT + r":(?P<resource>.+)$", re.DOTALL)
_ANY_ARN = re.compile(r"^arn:[^:]*:[^:]*:(?:\$\{[^}]*\}|[^:]*):" + _ACCOUNT_SEGMENT + ":", re.DOTALL)


# A resource this configuration or stack creates: it lives in the deploying account.
_OWN_RESOURCE = re.compile(
    r"^(?:\$\{AWS::StackResource:[^}]+\}|\$?\{?aws_[a-z0-9_]+\.[\w-]+(?:\[[^\]]*\])?\.(?:arn|id|name|account_id|owner_id)\}?)$"
)


def is_own_resource_reference(value) -> bool:
    return isinstance(value, str) and bool(_OWN_RESOURCE.match(value.strip()))


def is_expression(value) -> bool:
    """True when the value is, or contains, something only known at deploy time."""
    if isinstance(value, Unresolved):
        return True
    if not isinstance(value, str):
        return value is None
    text = value.strip()
    return (
        "${" in text
        or bool(_BARE_REFERENCE.match(text))
        or bool(_FUNCTION_CALL.match(text))
        or bool(_REFERENCE_TOKEN.search(text))
    )


def has_wildcard(text: str) -> bool:
    return "*" in text or "?" in text


def as_text(value) -> str | Unresolved:
    """Normalize a scalar to the text IAM compares (booleans as "true"/"false")."""
    if isinstance(value, Unresolved):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return Unresolved("null")
    if isinstance(value, (dict, list)):
        return Unresolved(repr(value)[:80])
    return str(value)


@dataclass(frozen=True)
class AccountRef:
    """Whose account a value names: kind is own, account, wildcard, unresolved or invalid (no account)."""

    kind: str
    account: str = ""


def account_of(piece) -> AccountRef:
    """Classify the account part of a principal, ARN or condition value."""
    if isinstance(piece, Unresolved):
        return AccountRef("unresolved", str(piece))
    text = str(piece).strip()
    if _OWN_ACCOUNT.match(text):
        return AccountRef("own")
    if _ACCOUNT_ID.match(text):
        return AccountRef("account", text)
    if text == "" or has_wildcard(text) and "${" not in text:
        return AccountRef("wildcard", text)
    return AccountRef("unresolved" if is_expression(text) else "invalid", text)


def account_in_arn(value) -> AccountRef | None:
    """The account segment of an ARN (None when the value is no ARN or has no account)."""
    if not isinstance(value, str):
        return None
    match = _ANY_ARN.match(value.strip())
    if not match or not match.group("account"):
        return None
    return account_of(match.group("account"))


def iam_principal_account(value) -> AccountRef:
    """Account named by an AWS principal: `*`, an account ID, or an IAM/STS ARN."""
    if isinstance(value, Unresolved):
        return AccountRef("unresolved", str(value))
    text = str(value).strip()
    if text == "*":
        return AccountRef("wildcard", "*")
    match = _IAM_ARN.match(text)
    if match:
        return account_of(match.group("account"))
    return account_of(text)
