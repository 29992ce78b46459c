"""Perimeter predicates over a normalized PolicyDocument.

Each predicate returns Issues: "fail" when the policy provably lets someone outside
the perimeter in, "warn" when the answer depends on something a static scan cannot
know (an expression, an account the config does not list, a network-only guard).
"""

from __future__ import annotations

import fnmatch
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from perimeter_checks import safe_yaml
from perimeter_checks.config import PerimeterConfig
from perimeter_checks.policy.conditions import Clause
from perimeter_checks.policy.document import PolicyDocument, Principal, Statement
from perimeter_checks.policy.values import (
    AccountRef,
    Unresolved,
    account_in_arn,
    account_of,
    has_wildcard,
    iam_principal_account,
    is_expression,
    is_own_resource_reference,
)

FAIL, WARN = "fail", "warn"
_AWS_OWNED_FILE = Path(__file__).with_name("aws_owned_resources.yaml")


@dataclass(frozen=True)
class Issue:
    verdict: str
    message: str


# ---------------------------------------------------------------- principals

OK_PRINCIPALS = {"own", "trusted", "service"}


def classify_principal(principal: Principal, config: PerimeterConfig) -> str:
    """public, own, trusted, foreign, unverified, service, federated, canonical or unresolved."""
    value = principal.value
    if principal.kind == "*":
        return "public"
    if principal.kind == "?" or isinstance(value, Unresolved):
        return "unresolved"
    if principal.kind == "AWS":
        kind = _classify_account(iam_principal_account(value), config)
        return "unresolved" if kind == "invalid" else kind
    if principal.kind == "Service":
        if value.strip() == "*":
            return "public"
        return "unresolved" if is_expression(value) else "service"
    if principal.kind == "Federated":
        return "federated"
    if principal.kind == "CanonicalUser":
        return "canonical"
    return "unresolved"


def _classify_account(ref: AccountRef, config: PerimeterConfig) -> str:
    if ref.kind == "wildcard":
        return "public"
    if ref.kind in ("own", "unresolved", "invalid"):
        return ref.kind
    if ref.account in config.account_ids:
        return "own"
    if ref.account in config.trusted_accounts:
        return "trusted"
    return "foreign" if config.account_ids else "unverified"


def _describe(principal: Principal) -> str:
    if principal.kind == "*":
        return 'Principal "*"'
    return f"{principal.kind} principal {str(principal.value)!r}"


# ---------------------------------------------------------------- condition values

_ORG_KEYS = {"aws:principalorgid", "aws:sourceorgid", "aws:resourceorgid"}
_ORG_PATH_KEYS = {"aws:principalorgpaths", "aws:sourceorgpaths", "aws:resourceorgpaths"}
_ACCOUNT_KEYS = {
    "aws:principalaccount",
    "kms:calleraccount",
    "aws:sourceaccount",
    "aws:sourceowner",
    "aws:resourceaccount",
    "s3:resourceaccount",
}
_RESOURCE_KEYS = frozenset({"aws:resourceorgid", "aws:resourceorgpaths", "aws:resourceaccount", "s3:resourceaccount"})
_ARN_KEYS = {"aws:principalarn", "aws:sourcearn"}
_PRINCIPAL_KEYS = {"aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn"}
_SOURCE_KEYS = {"aws:sourceaccount", "aws:sourceowner", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths"}
_NETWORK_KEYS = {
    "aws:sourcevpce",
    "aws:sourcevpc",
    "aws:sourceip",
    "aws:vpceorgid",
    "aws:vpceorgpaths",
    "aws:vpceaccount",
}

# Strength of a clause as an identity restriction; the best clause decides.
RESTRICTED, FOREIGN, NETWORK, UNRESOLVED_VALUE, WEAK, NONE = (
    "restricted",
    "foreign",
    "network",
    "unresolved",
    "weak",
    "none",
)
_RANK = {RESTRICTED: 0, FOREIGN: 1, NETWORK: 2, UNRESOLVED_VALUE: 3, WEAK: 4, NONE: 5}


@dataclass(frozen=True)
class Restriction:
    status: str
    detail: str = ""


def _value_status(key: str, value, config: PerimeterConfig, accept_trusted: bool) -> Restriction:
    """Does one condition value name something of yours?"""
    if key in _ACCOUNT_KEYS and not isinstance(value, Unresolved) and account_of(value).kind == "own":
        return Restriction(RESTRICTED)
    if key in _ARN_KEYS and (getattr(account_in_arn(value), "kind", "") == "own" or is_own_resource_reference(value)):
        return Restriction(RESTRICTED)
    if isinstance(value, Unresolved) or is_expression(value):
        if config.configured:
            return Restriction(UNRESOLVED_VALUE, f"{key} value {str(value)!r} cannot be resolved statically")
        return Restriction(RESTRICTED)
    text = value.strip()
    if key in _ORG_KEYS:
        if has_wildcard(text):
            return Restriction(WEAK, f"wildcard organization ID {text!r} restricts nothing")
        if config.org_ids and text not in config.org_ids:
            return Restriction(FOREIGN, f"{key} names {text!r}, which is not your organization")
        return Restriction(RESTRICTED)
    if key in _ORG_PATH_KEYS:
        org = text.split("/", 1)[0]
        if not org or has_wildcard(org):
            return Restriction(WEAK, f"organization path {text!r} has a wildcard organization ID")
        if config.org_ids and org not in config.org_ids:
            return Restriction(FOREIGN, f"{key} names {text!r}, outside your organization")
        if config.org_paths and not any(
            text.rstrip("*").startswith(path.rstrip("*")) for path in config.org_paths
        ):
            return Restriction(FOREIGN, f"{key} names {text!r}, outside your configured org_paths")
        return Restriction(RESTRICTED)
    if key in _ACCOUNT_KEYS or key in _ARN_KEYS:
        ref = account_in_arn(text) if key in _ARN_KEYS else account_of(text)
        if ref is None:  # an ARN without an account segment names one resource (e.g. a bucket)
            if text.startswith("arn:") and not has_wildcard(text.split(":", 5)[-1].strip("*/")):
                return Restriction(RESTRICTED)
            return Restriction(WEAK, f"{key} value {text!r} does not name an account")
        kind = _classify_account(ref, config)
        if kind == "own" or (kind == "trusted" and accept_trusted) or kind == "unverified":
            return Restriction(RESTRICTED)
        if kind == "unresolved":
            return _value_status(key, Unresolved(text), config, accept_trusted)
        if kind == "public":
            return Restriction(WEAK, f"{key} value {text!r} matches every account")
        if kind == "invalid":
            return Restriction(WEAK, f"{key} value {text!r} does not name an account")
        return Restriction(FOREIGN, f"{key} names account {ref.account}, which is not yours")
    return Restriction(NONE)


_RESOURCE_POLICY_KEYS = frozenset(_PRINCIPAL_KEYS | _SOURCE_KEYS | {"kms:calleraccount"})


def identity_restriction(
    conditions, config: PerimeterConfig, keys=_RESOURCE_POLICY_KEYS, accept_trusted=True
) -> Restriction:
    """How well the statement's conditions confine callers to your organization."""
    best = Restriction(NONE)
    for clause in conditions:
        if clause.key in keys:
            found = _clause_status(clause, config, accept_trusted)
        elif clause.key in _NETWORK_KEYS and _is_positive_network(clause):
            found = Restriction(NETWORK, f"only the network is restricted ({clause.describe()})")
        else:
            continue
        if _RANK[found.status] < _RANK[best.status]:
            best = found
    return best


def _clause_status(clause: Clause, config: PerimeterConfig, accept_trusted: bool) -> Restriction:
    if not clause.requires_match:
        why = (
            "IfExists lets requests without the key through"
            if clause.if_exists
            else "a negated operator does not restrict an Allow"
            if clause.negated
            else "ForAllValues is vacuous when the key is absent"
            if clause.qualifier == "forallvalues"
            else "this operator does not restrict identity"
        )
        return Restriction(WEAK, f"{clause.describe()}: {why}")
    if not clause.values:
        return Restriction(WEAK, f"{clause.describe()} has no values")
    statuses = [_value_status(clause.key, v, config, accept_trusted) for v in clause.values]
    # Values are ORed: the clause is only as strong as its weakest value.
    return max(statuses, key=lambda r: _RANK[r.status] if r.status != FOREIGN else 6)


def _is_positive_network(clause: Clause) -> bool:
    if clause.if_exists or clause.qualifier == "forallvalues":
        return False
    return clause.base in ("ipaddress",) or clause.requires_match


# ---------------------------------------------------------------- deny guards

_EXCEPTION_BOOL_KEYS = {"aws:principalisawsservice", "aws:viaawsservice"}


def guard_problem(statement: Statement, config: PerimeterConfig) -> str | None:
    """Why a Deny statement is not an organization guard (None when it is one).

    A guard denies every principal (`"*"`) whose aws:PrincipalOrgID or
    aws:PrincipalOrgPaths is not yours, with only exceptions that callers cannot
    forge: AWS service principals, calls via AWS services, your own or trusted
    accounts and principal ARNs, and resource tags the owner sets.
    """
    if not statement.is_deny or statement.not_principal:
        return "not a Deny for every principal"
    if not statement.principals or any(classify_principal(p, config) != "public" for p in statement.principals):
        return "does not apply to every principal"
    org_clauses = [
        c
        for c in statement.conditions
        if c.key in ("aws:principalorgid", "aws:principalorgpaths") and c.negated and c.qualifier != "foranyvalue"
    ]
    if not org_clauses:
        return "has no negated aws:PrincipalOrgID condition"
    for clause in statement.conditions:
        if clause in org_clauses:
            for value in clause.values:
                status = _value_status(
                    "aws:principalorgid" if clause.key == "aws:principalorgid" else "aws:principalorgpaths",
                    value,
                    config,
                    True,
                )
                if status.status != RESTRICTED:
                    return status.detail
            continue
        if clause.key in _EXCEPTION_BOOL_KEYS and clause.base == "bool":
            if all(isinstance(v, str) and v.lower() == "false" for v in clause.values):
                continue
            return f"{clause.describe()} narrows the guard"
        if clause.key in ("aws:principalaccount", "aws:principalarn") and clause.negated:
            for value in clause.values:
                status = _value_status(clause.key, value, config, True)
                if status.status != RESTRICTED:
                    return f"exception {status.detail}"
            continue
        if clause.key.startswith("aws:resourcetag/") and clause.negated:
            continue
        return f"{clause.describe()} narrows the guard to some callers"
    return None


def _action_covered(action, guard: Statement) -> bool:
    if isinstance(action, Unresolved):
        return False
    matched = any(
        not isinstance(p, Unresolved) and fnmatch.fnmatchcase(action, p) for p in guard.actions
    )
    return not matched if guard.not_action else matched


def guard_covers(guard: Statement, statement: Statement) -> bool:
    """The guard denies at least every action the Allow statement grants."""
    if statement.not_action:
        return not guard.not_action and "*" in guard.actions
    return bool(statement.actions) and all(_action_covered(a, guard) for a in statement.actions)


def _guarded(document: PolicyDocument, statement: Statement, config: PerimeterConfig) -> bool:
    return any(
        guard_covers(s, statement) and guard_problem(s, config) is None
        for s in document.statements
        if s.is_deny
    )


# ---------------------------------------------------------------- predicates

def external_principals(document: PolicyDocument, config: PerimeterConfig) -> list:
    """Resource policies (M3): Allow statements that reach principals outside the org."""
    issues = []
    for statement in document.statements:
        if not statement.is_allow:
            continue
        if statement.not_principal:
            risky = [("everyone but the NotPrincipal list (Allow with NotPrincipal)", "public")]
        else:
            risky = [
                (_describe(p), kind)
                for p in statement.principals
                for kind in [classify_principal(p, config)]
                if kind not in OK_PRINCIPALS
            ]
        if not risky or _guarded(document, statement, config):
            continue
        issue = _unrestricted_issue(statement, risky, identity_restriction(statement.conditions, config))
        if issue:
            issues.append(issue)
    return issues


def _unrestricted_issue(statement: Statement, risky: list, restriction: Restriction) -> Issue | None:
    who = "; ".join(sorted({d for d, _ in risky}))
    kinds = {k for _, k in risky}
    if restriction.status == RESTRICTED:
        return None
    if restriction.status == FOREIGN:
        return Issue(FAIL, f"{statement.label} allows {who}: {restriction.detail}")
    if restriction.status in (NETWORK, UNRESOLVED_VALUE):
        return Issue(WARN, f"{statement.label} allows {who}; cannot verify the identity perimeter: {restriction.detail}")
    reason = f" ({restriction.detail})" if restriction.detail else ""
    text = f"{statement.label} allows {who} without an aws:PrincipalOrgID condition{reason}"
    if kinds & {"public", "foreign", "federated", "trusted"}:
        return Issue(FAIL, text)
    if "unverified" in kinds:
        text += "; list your accounts in account_ids to verify them"
    return Issue(WARN, text)


def service_principal_source(document: PolicyDocument, config: PerimeterConfig) -> list:
    """Service principals must be tied to your accounts by a source condition."""
    issues = []
    for statement in document.statements:
        if not statement.is_allow or statement.not_principal:
            continue
        services = [p for p in statement.principals if classify_principal(p, config) == "service"]
        if not services:
            continue
        restriction = identity_restriction(statement.conditions, config, keys=frozenset(_SOURCE_KEYS))
        if restriction.status == RESTRICTED:
            continue
        names = ", ".join(sorted(str(p.value) for p in services))
        if restriction.status == UNRESOLVED_VALUE:
            issues.append(Issue(WARN, f"{statement.label} allows {names}; {restriction.detail}"))
        elif restriction.status == FOREIGN:
            issues.append(Issue(FAIL, f"{statement.label} allows {names}: {restriction.detail}"))
        else:
            reason = f" ({restriction.detail})" if restriction.status == WEAK else ""
            issues.append(
                Issue(
                    FAIL,
                    f"{statement.label} allows service principal {names} without aws:SourceAccount, "
                    f"aws:SourceArn or aws:SourceOrgID{reason}",
                )
            )
    return issues


def _external_id_present(conditions) -> bool:
    return any(
        c.key == "sts:externalid"
        and c.requires_match
        and c.values
        and all(isinstance(v, str) and v.strip() and v.strip() != "*" for v in c.values)
        for c in conditions
    )


def trust_external_principals(document: PolicyDocument, config: PerimeterConfig) -> list:
    """Role trust (M8): IAM principals must be yours, in your org, or trusted with sts:ExternalId."""
    issues = []
    for statement in document.statements:
        if not statement.is_allow:
            continue
        if statement.not_principal:
            risky = [("everyone but the NotPrincipal list (Allow with NotPrincipal)", "public")]
        else:
            risky = []
            for principal in statement.principals:
                kind = classify_principal(principal, config)
                if principal.kind not in ("AWS", "*", "?") or kind == "own":
                    continue
                if kind in ("trusted", "unverified") and _external_id_present(statement.conditions):
                    continue
                risky.append((_describe(principal), kind))
        if not risky or _guarded(document, statement, config):
            continue
        restriction = identity_restriction(
            statement.conditions, config, keys=frozenset(_PRINCIPAL_KEYS), accept_trusted=False
        )
        if restriction.status == NETWORK:
            restriction = Restriction(NONE)
        kinds = {k for _, k in risky}
        if restriction.status == NONE and "foreign" in kinds and _external_id_present(statement.conditions):
            restriction = Restriction(WEAK, "sts:ExternalId is only accepted for accounts in trusted_accounts")
        if restriction.status == NONE and "trusted" in kinds:
            restriction = Restriction(WEAK, "a trusted third-party account must present sts:ExternalId")
        issue = _unrestricted_issue(statement, risky, restriction)
        if issue:
            issues.append(issue)
    return issues


_GITHUB = "token.actions.githubusercontent.com"
_OIDC_HOST = re.compile(r":oidc-provider/(?P<host>[^\s\"']+)$")
_AUDIENCE_ONLY_PROVIDERS = {"cognito-identity.amazonaws.com"}


def _oidc_host(value) -> str | None:
    """The provider host of a Federated principal, or None when it is an expression."""
    if isinstance(value, Unresolved) or is_expression(value):
        match = _OIDC_HOST.search(str(value))
        return match.group("host").lower() if match and "${" not in match.group("host") else None
    match = _OIDC_HOST.search(value)
    return (match.group("host") if match else value).strip().lower()


def _claim_problem(conditions, claim: str, host: str | None) -> str | None:
    """Why the token claim (aud or sub) is not pinned, or None when it is."""
    suffix = f":{claim}"
    clauses = [c for c in conditions if c.key.endswith(suffix) and (host is None or c.key == host + suffix)]
    if not clauses:
        return f"no condition on {(host or '<provider>') + suffix}"
    for clause in clauses:
        if not clause.requires_match:
            return f"{clause.describe()} does not pin the {claim} claim"
        for value in clause.values:
            if isinstance(value, Unresolved) or is_expression(value):
                continue  # known at deploy; another value or clause may still be weak
            text = value.strip()
            if text in ("", "*") or (claim == "sub" and text.startswith("repo:*")):
                return f"{clause.describe()} matches every {claim}"
            if claim == "sub" and clause.key == f"{_GITHUB}:sub" and not re.match(r"^repo:[^*?/]+/", text):
                return f"{clause.describe()} does not name a GitHub organization"
    return None


def trust_federated_principals(document: PolicyDocument, config: PerimeterConfig) -> list:
    """Role trust (M8): an OIDC provider must be pinned by audience and subject."""
    issues = []
    for statement in document.statements:
        if not statement.is_allow or statement.not_principal:
            continue
        for principal in statement.principals:
            if principal.kind != "Federated":
                continue
            value = principal.value
            if "saml-provider/" in str(value) or "sts:assumerolewithsaml" in statement.actions:
                continue
            host = _oidc_host(value)
            claims = ("aud",) if host in _AUDIENCE_ONLY_PROVIDERS else ("aud", "sub")
            problems = [p for p in (_claim_problem(statement.conditions, c, host) for c in claims) if p]
            if problems:
                issues.append(
                    Issue(FAIL, f"{statement.label} trusts {_describe(principal)}: {'; '.join(problems)}")
                )
    return issues


# ---------------------------------------------------------------- VPC endpoint policies

def _aws_service_statement(statement: Statement) -> bool:
    """AWS's shape: `Bool aws:PrincipalIsAWSService = true` admits AWS services only."""
    return any(
        c.key == "aws:principalisawsservice" and c.base == "bool" and not c.if_exists and c.qualifier == ""
        and c.values and all(isinstance(v, str) and v.lower() == "true" for v in c.values)
        for c in statement.conditions
    )


@functools.lru_cache(maxsize=1)
def _aws_owned_patterns() -> tuple:
    data = safe_yaml.safe_load(_AWS_OWNED_FILE.read_text(encoding="utf-8"))
    buckets = tuple(f"arn:aws:s3:::{b}" for b in data["s3_buckets"])
    return tuple(p for b in buckets for p in (b, b + "/*")), tuple(data["arns"])


def aws_owned_resource(arn) -> bool:
    """An ARN AWS owns (patch repositories, AWS managed policies, public AMIs, ...)."""
    if not isinstance(arn, str) or is_expression(arn):
        return False
    buckets, arns = _aws_owned_patterns()
    return any(fnmatch.fnmatchcase(arn, p) for p in buckets + arns)


def _aws_owned_statement(statement: Statement) -> bool:
    """AWS's shape: no condition, and every resource is AWS-owned."""
    return (
        not statement.not_resource
        and bool(statement.resources)
        and all(aws_owned_resource(r) for r in statement.resources)
    )


def _resources_yours(statement: Statement, config: PerimeterConfig) -> bool:
    """Every Resource ARN is AWS-owned or names an account of yours (or a trusted one)."""
    if statement.not_resource or not statement.resources:
        return False
    for resource in statement.resources:
        if aws_owned_resource(resource):
            continue
        ref = account_in_arn(resource)
        if ref is None or ref.kind != "account" or _classify_account(ref, config) not in ("own", "trusted", "unverified"):
            return False
    return True


def _endpoint_exempt(statement: Statement) -> bool:
    return _aws_service_statement(statement) or (not statement.conditions and _aws_owned_statement(statement))


def endpoint_principals(document: PolicyDocument, config: PerimeterConfig) -> list:
    """VPC endpoint policies (M4): every Allow admits only your principals (or AWS's shapes)."""
    issues = []
    for statement in document.statements:
        if not statement.is_allow or _endpoint_exempt(statement):
            continue
        if statement.not_principal:
            risky = [("everyone but the NotPrincipal list (Allow with NotPrincipal)", "public")]
        else:
            risky = [
                (_describe(p), kind)
                for p in statement.principals or (Principal("*", "*"),)
                for kind in [classify_principal(p, config)]
                if kind not in OK_PRINCIPALS
            ]
        if not risky or _guarded(document, statement, config):
            continue
        restriction = identity_restriction(statement.conditions, config, keys=frozenset(_PRINCIPAL_KEYS))
        if restriction.status == NETWORK:
            restriction = Restriction(NONE)
        issue = _unrestricted_issue(statement, risky, restriction)
        if issue:
            issues.append(issue)
    return issues


def endpoint_resources(document: PolicyDocument, config: PerimeterConfig) -> list:
    """VPC endpoint policies (M4, optional): Allows reach only resources of your organization."""
    issues = []
    for statement in document.statements:
        if not statement.is_allow or _endpoint_exempt(statement) or _resources_yours(statement, config):
            continue
        if any(
            c.key == "aws:principaltag/dp:exclude:resource" and c.requires_match for c in statement.conditions
        ):
            continue  # AWS's explicit, tag-governed exception for principals allowed to reach any resource
        restriction = identity_restriction(statement.conditions, config, keys=_RESOURCE_KEYS)
        if restriction.status == RESTRICTED:
            continue
        if restriction.status == UNRESOLVED_VALUE:
            issues.append(Issue(WARN, f"{statement.label}: {restriction.detail}"))
            continue
        detail = f": {restriction.detail}" if restriction.detail else ""
        issues.append(
            Issue(
                FAIL,
                f"{statement.label} allows access to resources outside your organization "
                f"(no aws:ResourceOrgID or aws:ResourceAccount condition){detail}",
            )
        )
    return issues


PREDICATES = {
    "external_principals": external_principals,
    "service_principal_source": service_principal_source,
    "trust_external_principals": trust_external_principals,
    "trust_federated_principals": trust_federated_principals,
    "endpoint_principals": endpoint_principals,
    "endpoint_resources": endpoint_resources,
}
