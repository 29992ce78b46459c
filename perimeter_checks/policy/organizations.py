"""Organization policies (SCPs and RCPs) and identity policies: intents, lint, completeness.

An organization policy is judged statement by statement, by the intent its condition
keys reveal (AWS's data-perimeter-policy-examples are the model):

- identity perimeter (RCP): Deny when aws:PrincipalOrgID / PrincipalOrgPaths is not yours;
- confused-deputy companion (RCP): Deny for AWS services whose aws:SourceOrgID is not yours;
- resource perimeter (SCP): Deny when aws:ResourceOrgID / ResourceAccount is not yours;
- network perimeter: Deny outside aws:SourceIp / SourceVpc / SourceVpce / VpceOrgID;
- VPC-region pairing: Deny for a positive aws:SourceVpc outside the VPC's aws:RequestedRegion;
- region guard: Deny outside your aws:RequestedRegion values.

The policy type (SERVICE_CONTROL_POLICY / RESOURCE_CONTROL_POLICY) travels with the
document as `OrganizationPolicy.kind` ("scp" / "rcp"); plain documents have no kind and
the organization predicates ignore them. Every issue message starts with the statement
label (or "organization policies" for completeness), like the other predicates.
"""

from __future__ import annotations

import fnmatch
import ipaddress
import re
from dataclasses import dataclass

from perimeter_checks.config import PerimeterConfig
from perimeter_checks.policy.analysis import (
    FAIL,
    FOREIGN,
    RESTRICTED,
    UNRESOLVED_VALUE,
    WARN,
    Issue,
    _classify_account,
    _value_status,
    aws_owned_resource,
)
from perimeter_checks.policy.conditions import Clause
from perimeter_checks.policy.document import PolicyDocument, Statement
from perimeter_checks.policy.values import Unresolved, account_of, has_wildcard, is_expression

POLICY_TYPES = {"SERVICE_CONTROL_POLICY": "scp", "RESOURCE_CONTROL_POLICY": "rcp"}
KIND_NAMES = {"scp": "service control policy", "rcp": "resource control policy"}


@dataclass(frozen=True)
class OrganizationPolicy(PolicyDocument):
    kind: str = ""  # "scp" or "rcp"


def with_kind(document: PolicyDocument, kind: str) -> OrganizationPolicy:
    return OrganizationPolicy(statements=document.statements, problems=document.problems, kind=kind)


def kind_of(document) -> str:
    return getattr(document, "kind", "") or ""


# ---------------------------------------------------------------- keys and intents

IDENTITY_KEYS = frozenset({"aws:principalorgid", "aws:principalorgpaths"})
SOURCE_KEYS = frozenset({"aws:sourceorgid", "aws:sourceorgpaths"})
RESOURCE_KEYS = frozenset({"aws:resourceorgid", "aws:resourceorgpaths", "aws:resourceaccount", "s3:resourceaccount"})
NETWORK_KEYS = frozenset(
    {"aws:sourceip", "aws:sourcevpc", "aws:sourcevpce", "aws:vpceorgid", "aws:vpceorgpaths", "aws:vpceaccount"}
)
REGION_KEY = "aws:requestedregion"
PERIMETER_KEYS = IDENTITY_KEYS | SOURCE_KEYS | RESOURCE_KEYS | NETWORK_KEYS | {REGION_KEY, "aws:sourceaccount"}
_POSITIVE_IF_EXISTS = {"stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike", "ipaddress"}
_PLACEHOLDER = re.compile(r"<[^<>\s]{1,80}>")
# Global services are served from us-east-1: a region guard must leave them out (NotAction).
GLOBAL_SERVICES = ("iam", "organizations", "sts", "route53", "cloudfront", "support")
_GLOBAL_PREFIXES = frozenset(
    GLOBAL_SERVICES + ("route53domains", "globalaccelerator", "waf", "shield", "budgets", "ce", "health",
                       "account", "trustedadvisor", "aws-portal", "networkmanager")
)
# Actions that share resources outside the organization: a governance SCP denies them.
GOVERNANCE_ACTIONS = (
    "ram:createresourceshare", "ram:updateresourceshare", "ec2:modifyimageattribute",
    "ec2:modifysnapshotattribute", "rds:modifydbsnapshotattribute", "rds:modifydbclustersnapshotattribute",
    "redshift:authorizedatashare", "glue:putresourcepolicy", "lambda:addpermission",
)


def _bool_is(clause: Clause, key: str, value: str) -> bool:
    return (
        clause.key == key and clause.base == "bool" and clause.qualifier == "" and bool(clause.values)
        and all(isinstance(v, str) and v.lower() == value for v in clause.values)
    )


def _has_bool(statement: Statement, key: str, value: str) -> bool:
    return any(_bool_is(c, key, value) for c in statement.conditions)


def _positive_vpc(statement: Statement) -> bool:
    return any(c.key == "aws:sourcevpc" and not c.negated and c.base != "null" for c in statement.conditions)


def _narrowing(clause: Clause) -> bool:
    """A condition that must hold for the Deny to fire, on a key that is no perimeter key."""
    if clause.key in PERIMETER_KEYS or clause.negated or clause.key == "?":
        return False
    if clause.base == "bool" and clause.key in ("aws:principalisawsservice", "aws:viaawsservice"):
        return not all(isinstance(v, str) and v.lower() == "false" for v in clause.values)
    return True


def intents(statement: Statement) -> set:
    """identity, targeted_identity, confused_deputy, resource, network, vpc_region, region."""
    if not statement.is_deny:
        return set()
    keys = {c.key for c in statement.conditions}
    found = set()
    if keys & IDENTITY_KEYS:
        targeted = any(_narrowing(c) for c in statement.conditions)
        found.add("targeted_identity" if targeted else "identity")
    elif keys & SOURCE_KEYS:
        found.add("confused_deputy")
    if keys & RESOURCE_KEYS:
        found.add("resource")
    if REGION_KEY in keys:
        found.add("vpc_region" if _positive_vpc(statement) else "region")
    if keys & NETWORK_KEYS and "vpc_region" not in found:
        found.add("network")
    return found


# ---------------------------------------------------------------- clause checks

def _fires_when_absent(clause: Clause) -> str | None:
    """Why a perimeter clause of a Deny does not deny requests that lack the key (None: it does)."""
    if not clause.negated:
        return f"{clause.describe()}: a Deny needs a negated operator (StringNotEquals[IfExists]), this one denies the listed values instead"
    if clause.qualifier == "foranyvalue":
        return f"{clause.describe()}: ForAnyValue does not fire when the key is absent"
    return None


def _status_issue(statement: Statement, clause: Clause, status, detail: str) -> Issue | None:
    if status == RESTRICTED:
        return None
    if status == UNRESOLVED_VALUE:
        return Issue(WARN, f"{statement.label}: {detail}")
    return Issue(FAIL, f"{statement.label}: {detail}")


def _org_value(key: str, value, config: PerimeterConfig) -> tuple:
    """(status, detail) of a value naming an organization, OU path or account that must be yours."""
    if isinstance(value, Unresolved) or is_expression(value):
        if config.configured:
            return UNRESOLVED_VALUE, f"{key} value {str(value)!r} cannot be resolved statically"
        return RESTRICTED, ""
    if key in ("aws:vpceorgid", "aws:resourceorgid", "aws:principalorgid", "aws:sourceorgid"):
        lookup = "aws:principalorgid"
    elif key.endswith("orgpaths"):
        lookup = "aws:principalorgpaths"
    else:
        lookup = "aws:principalaccount"
    found = _value_status(lookup, value, config, True)
    if found.status == RESTRICTED:
        return RESTRICTED, ""
    if found.status == UNRESOLVED_VALUE:
        return UNRESOLVED_VALUE, f"{key} value {str(value)!r} cannot be resolved statically"
    return (FOREIGN if found.status == FOREIGN else "weak"), f"{key} value {str(value).strip()!r} is not yours"


def _network_value(key: str, value, config: PerimeterConfig) -> tuple:
    if key in ("aws:vpceorgid", "aws:vpceorgpaths", "aws:vpceaccount"):
        return _org_value(key, value, config)
    if isinstance(value, Unresolved) or is_expression(value):
        if config.configured:
            return UNRESOLVED_VALUE, f"{key} value {str(value)!r} cannot be resolved statically"
        return RESTRICTED, ""
    text = value.strip()
    if key == "aws:sourceip":
        try:
            network = ipaddress.ip_network(text, strict=False)
        except ValueError:
            return "weak", f"{key} value {text!r} is not an IP address or CIDR"
        if network.prefixlen == 0:
            return "weak", f"{key} value {text!r} matches every address"
        mine = [ipaddress.ip_network(c, strict=False) for c in config.cidrs]
        if mine and not any(network.version == c.version and network.subnet_of(c) for c in mine):
            return FOREIGN, f"{key} value {text!r} is outside your configured cidrs"
        return RESTRICTED, ""
    if has_wildcard(text):
        return "weak", f"{key} value {text!r} is a wildcard"
    allowed = config.vpc_ids if key == "aws:sourcevpc" else config.vpc_endpoint_ids
    if allowed and text not in allowed:
        return FOREIGN, f"{key} value {text!r} is not one of your configured networks"
    return RESTRICTED, ""


def _region_value(value, config: PerimeterConfig) -> tuple:
    if isinstance(value, Unresolved) or is_expression(value):
        if config.configured:
            return UNRESOLVED_VALUE, f"aws:requestedregion value {str(value)!r} cannot be resolved statically"
        return RESTRICTED, ""
    text = value.strip()
    if config.regions and text not in config.regions:
        return FOREIGN, f"aws:requestedregion value {text!r} is not one of your configured regions"
    return RESTRICTED, ""


def _region_judge(_key, value, config: PerimeterConfig) -> tuple:
    return _region_value(value, config)


def _clause_value_issues(statement: Statement, clause: Clause, judge, config: PerimeterConfig) -> list:
    issues = []
    for value in clause.values:
        status, detail = judge(clause.key, value, config)
        issue = _status_issue(statement, clause, status, detail)
        if issue:
            issues.append(issue)
    return issues


def _exempt_resource_problem(arn, config: PerimeterConfig) -> str | None:
    """Why a NotResource entry of a resource perimeter exempts more than AWS-owned or your resources."""
    if not isinstance(arn, str) or is_expression(arn) or _PLACEHOLDER.search(arn) or aws_owned_resource(arn):
        return None
    parts = arn.strip().split(":", 5)
    if len(parts) < 6:
        return f"NotResource {arn!r} exempts every resource"
    account, rest = parts[4], parts[5]
    if account == "aws":
        return None
    if account == "":
        head = re.split(r"[/:]", rest, maxsplit=1)[0]
        if head and not has_wildcard(head):
            return None
        return f"NotResource {arn!r} exempts resources of every account"
    ref = account_of(account)
    if ref.kind == "wildcard":
        return f"NotResource {arn!r} exempts resources of every account"
    if ref.kind == "account" and _classify_account(ref, config) == "foreign":
        return f"NotResource {arn!r} exempts resources of account {ref.account}, which is not yours"
    return None


def _aws_service_role(value) -> bool:
    """AWS-managed roles (names starting with aws: or under aws-service-role/) cannot be created by anyone else."""
    return isinstance(value, str) and bool(re.search(r":role/(aws:|aws-service-role/)", value))


def _exception_issues(statement: Statement, config: PerimeterConfig) -> list:
    """Exceptions of a perimeter Deny must not exempt callers or resources that are not yours or AWS's."""
    issues = []
    for clause in statement.conditions:
        if not clause.negated:
            continue
        if clause.key in ("aws:principalaccount", "aws:principalarn"):
            for value in clause.values:
                if clause.key == "aws:principalarn" and _aws_service_role(value):
                    continue
                found = _value_status(clause.key, value, config, True)
                issue = _status_issue(statement, clause, found.status, f"exception {clause.describe()}: {found.detail}")
                if issue:
                    issues.append(issue)
        elif clause.key == "ec2:owner":
            for value in clause.values:
                if isinstance(value, str) and value.strip() != "amazon" and account_of(value).kind != "account":
                    issues.append(Issue(FAIL, f"{statement.label}: exception {clause.describe()} exempts images of any owner"))
        elif clause.key == "aws:calledvia":
            for value in clause.values:
                if isinstance(value, str) and (has_wildcard(value) or not value.strip().endswith(".amazonaws.com")):
                    issues.append(Issue(FAIL, f"{statement.label}: exception {clause.describe()} is not an AWS service"))
    if statement.not_resource:
        for resource in statement.resources:
            problem = _exempt_resource_problem(resource, config)
            if problem:
                issues.append(Issue(FAIL, f"{statement.label}: {problem}"))
    return issues


# ---------------------------------------------------------------- predicates

def _deny_clause_issues(statement, clause, judge, config: PerimeterConfig) -> list:
    """A Deny's perimeter clause must fire when its key is absent, then name values of yours."""
    problem = _fires_when_absent(clause)
    if problem:
        return [Issue(FAIL, f"{statement.label}: {problem}")]
    return _clause_value_issues(statement, clause, judge, config)


def org_resource_perimeter(document, config: PerimeterConfig) -> list:
    """M1: a resource-perimeter Deny fires for resources outside your organization, with sane exceptions."""
    if not kind_of(document):
        return []
    issues = []
    for statement in document.statements:
        if "resource" not in intents(statement):
            continue
        for clause in statement.conditions:
            if clause.key not in RESOURCE_KEYS:
                continue
            issues.extend(_deny_clause_issues(statement, clause, _org_value, config))
        issues.extend(_exception_issues(statement, config))
    return issues


def org_network_perimeter(document, config: PerimeterConfig) -> list:
    """M2: a network-perimeter Deny keeps AWS services working and names your networks."""
    kind = kind_of(document)
    if not kind:
        return []
    issues = []
    paired = any("vpc_region" in intents(s) for s in document.statements)
    for statement in document.statements:
        found = intents(statement)
        if "vpc_region" in found:
            for clause in statement.conditions:
                if clause.key == "aws:sourcevpc":
                    issues.extend(_clause_value_issues(statement, clause, _network_value, config))
                elif clause.key == REGION_KEY:
                    issues.extend(_deny_clause_issues(statement, clause, _region_judge, config))
            continue
        if "network" not in found:
            continue
        for clause in statement.conditions:
            if clause.key not in NETWORK_KEYS:
                continue
            issues.extend(_deny_clause_issues(statement, clause, _network_value, config))
        if not _has_bool(statement, "aws:viaawsservice", "false"):
            issues.append(Issue(FAIL, f"{statement.label}: no aws:ViaAWSService = false exception, so AWS services calling on your behalf are denied"))
        if kind == "rcp" and not _has_bool(statement, "aws:principalisawsservice", "false"):
            issues.append(Issue(FAIL, f"{statement.label}: no aws:PrincipalIsAWSService = false exception, so AWS service principals are denied"))
        if any(c.key == "aws:sourcevpc" for c in statement.conditions) and not paired:
            issues.append(Issue(FAIL, f"{statement.label}: aws:SourceVpc is not paired with an aws:RequestedRegion statement for the VPC's region"))
        issues.extend(_exception_issues(statement, config))
    return issues


def _confused_deputy_companion(statement: Statement) -> bool:
    return "confused_deputy" in intents(statement) and _has_bool(statement, "aws:principalisawsservice", "true")


def rcp_identity_perimeter(document, config: PerimeterConfig) -> list:
    """M3 in RCP form: the identity perimeter exempts AWS services and has its confused-deputy companion."""
    if kind_of(document) != "rcp":
        return []
    issues = []
    companion = any(_confused_deputy_companion(s) for s in document.statements)
    for statement in document.statements:
        found = intents(statement)
        if found & {"identity", "targeted_identity"}:
            for clause in statement.conditions:
                if clause.key not in IDENTITY_KEYS:
                    continue
                issues.extend(_deny_clause_issues(statement, clause, _org_value, config))
            if "identity" in found:
                if not _has_bool(statement, "aws:principalisawsservice", "false"):
                    issues.append(Issue(FAIL, f"{statement.label}: no aws:PrincipalIsAWSService = false exception, so AWS service principals are denied"))
                if not companion:
                    issues.append(Issue(FAIL, f"{statement.label}: no confused-deputy companion (Deny for AWS services whose aws:SourceOrgID is not yours, with Null aws:SourceAccount = false)"))
            issues.extend(_exception_issues(statement, config))
        elif "confused_deputy" in found:
            for clause in statement.conditions:
                if clause.key not in SOURCE_KEYS | {"aws:sourceaccount"} or clause.base == "null":
                    continue
                issues.extend(_deny_clause_issues(statement, clause, _org_value, config))
            if not _has_bool(statement, "aws:principalisawsservice", "true"):
                issues.append(Issue(FAIL, f"{statement.label}: without Bool aws:PrincipalIsAWSService = true the confused-deputy Deny also denies your own principals"))
            if not any(c.key == "aws:sourceaccount" and c.base == "null" and c.values
                       and all(isinstance(v, str) and v.lower() == "false" for v in c.values) for c in statement.conditions):
                issues.append(Issue(FAIL, f"{statement.label}: no Null aws:SourceAccount = false, so AWS service calls that carry no source are denied"))
    return issues


def _global_action(action) -> bool:
    if not isinstance(action, str):
        return False
    if action == "*":
        return True
    prefix = action.split(":", 1)[0]
    return prefix in _GLOBAL_PREFIXES or has_wildcard(prefix)


def org_region_guard(document, config: PerimeterConfig) -> list:
    """M6: a region guard leaves global services out (NotAction) and lists your regions."""
    if not kind_of(document):
        return []
    issues = []
    for statement in document.statements:
        if "region" not in intents(statement):
            continue
        allowed = set()
        for clause in statement.conditions:
            if clause.key != REGION_KEY:
                continue
            problem = _fires_when_absent(clause)
            if problem:
                issues.append(Issue(FAIL, f"{statement.label}: {problem}"))
                continue
            allowed |= {v.strip() for v in clause.values if isinstance(v, str)}
            issues.extend(_clause_value_issues(statement, clause, _region_judge, config))
        if "us-east-1" in allowed:
            continue
        if not statement.not_action:
            covered = sorted({a for a in statement.actions if _global_action(a)})
            if covered:
                issues.append(Issue(FAIL, f"{statement.label}: Action {', '.join(covered)} denies global services (IAM, STS, Organizations, ...) outside your regions; list them in NotAction"))
        else:
            missing = [
                s for s in GLOBAL_SERVICES
                if not any(isinstance(p, str) and fnmatch.fnmatchcase(f"{s}:x", p) for p in statement.actions)
            ]
            if missing:
                issues.append(Issue(FAIL, f"{statement.label}: NotAction does not exempt the global services {', '.join(missing)}"))
    return issues


def _placeholders(statement: Statement) -> list:
    texts = list(statement.actions) + list(statement.resources) + [p.value for p in statement.principals]
    for clause in statement.conditions:
        texts.append(clause.key)
        texts.extend(clause.values)
    return sorted({m for t in texts if isinstance(t, str) for m in _PLACEHOLDER.findall(t)})


def _full_access(statement: Statement) -> bool:
    return (
        not statement.conditions and not statement.not_action and not statement.not_resource
        and list(statement.actions) == ["*"] and list(statement.resources) in (["*"], [])
    )


def _everything_exempted(statement: Statement) -> str | None:
    """NotAction or NotResource listing "*" leaves nothing for the statement to apply to."""
    for part, flagged, values in (("NotAction", statement.not_action, statement.actions),
                                  ("NotResource", statement.not_resource, statement.resources)):
        if flagged and any(isinstance(v, str) and v.strip() == "*" for v in values):
            return part
    return None


def org_policy_lint(document, config: PerimeterConfig) -> list:
    """M1: statements that cannot work as written in an SCP or RCP."""
    kind = kind_of(document)
    if not kind:
        return []
    issues = []
    for statement in document.statements:
        label = statement.label
        if statement.is_allow:
            keys = sorted({c.key for c in statement.conditions if c.key in PERIMETER_KEYS})
            if keys:
                issues.append(Issue(FAIL, f"{label}: an Allow on {', '.join(keys)} restricts nothing in a {KIND_NAMES[kind]}; a perimeter must be a Deny"))
            elif kind == "rcp" and not _full_access(statement):
                issues.append(Issue(FAIL, f"{label}: a resource control policy grants nothing with Allow; only Deny statements restrict"))
        elif not statement.is_deny:
            issues.append(Issue(FAIL, f"{label}: Effect {statement.effect!r} is neither Allow nor Deny"))
        for clause in statement.conditions:
            if clause.if_exists and clause.base in _POSITIVE_IF_EXISTS:
                issues.append(Issue(FAIL, f"{label}: {clause.describe()}: IfExists on a positive operator also matches requests without the key"))
            if not clause.values:
                issues.append(Issue(FAIL, f"{label}: {clause.describe()} has an empty value list"))
        if not statement.actions:
            issues.append(Issue(FAIL, f"{label}: the {'NotAction' if statement.not_action else 'Action'} list is empty"))
        exempted = _everything_exempted(statement) if statement.is_deny else None
        if exempted:
            issues.append(Issue(FAIL, f'{label}: a Deny with {exempted} "*" denies nothing'))
        found = _placeholders(statement)
        if found:
            issues.append(Issue(FAIL, f"{label}: placeholder {', '.join(found)} left in the policy"))
    return issues


# ---------------------------------------------------------------- completeness

# control -> (mitigation, what it is, which policy kinds provide it)
CONTROLS = {
    "identity_rcp": ("M3", "an identity-perimeter RCP (Deny on aws:PrincipalOrgID)", ("rcp",)),
    "resource_scp": ("M1", "a resource-perimeter SCP (Deny on aws:ResourceOrgID)", ("scp",)),
    "network": ("M2", "a network-perimeter SCP or RCP (Deny outside aws:SourceIp / aws:SourceVpc / aws:VpceOrgID)", ("scp", "rcp")),
    "region_guard": ("M6", "a region guard (Deny outside your aws:RequestedRegion values)", ("scp", "rcp")),
    "governance_scp": ("M3", "a governance SCP (Deny on external sharing such as ram:CreateResourceShare)", ("scp",)),
}


def _governance_statement(statement: Statement) -> bool:
    return statement.is_deny and not statement.not_action and any(
        isinstance(a, str) and ":" in a and not has_wildcard(a.split(":", 1)[0])
        and any(fnmatch.fnmatchcase(g, a) for g in GOVERNANCE_ACTIONS)
        for a in statement.actions
    )


def controls_present(documents) -> set:
    """The perimeter controls a set of organization policies (with kinds) defines."""
    present = set()
    for document in documents:
        kind = kind_of(document)
        for statement in document.statements:
            found = intents(statement)
            if "identity" in found and kind == "rcp":
                present.add("identity_rcp")
            if "resource" in found and kind == "scp":
                present.add("resource_scp")
            if "network" in found and kind:
                present.add("network")
            if "region" in found and kind:
                present.add("region_guard")
            if kind == "scp" and _governance_statement(statement):
                present.add("governance_scp")
    return present


def missing_control_issues(control: str, documents) -> list:
    documents = [d for d in documents if kind_of(d)]
    if not documents or control in controls_present(documents):
        return []
    mitigation, what, _ = CONTROLS[control]
    return [Issue(FAIL, f"organization policies lack {what} ({mitigation})")]


def _missing(control: str):
    def predicate(document, config: PerimeterConfig) -> list:
        return missing_control_issues(control, [document])

    predicate.__name__ = f"org_missing_{control}"
    predicate.__doc__ = f"Repository level: the organization policies define {CONTROLS[control][1]}."
    return predicate


COMPLETENESS_CHECKS = {f"org_missing_{control}": control for control in CONTROLS}


# ---------------------------------------------------------------- identity policies (M1)

DATA_SERVICES = frozenset(
    {"s3", "sqs", "sns", "kms", "secretsmanager", "dynamodb", "ssm", "kinesis", "firehose", "glue", "athena",
     "rds-data", "es", "aoss", "ecr", "lambda", "logs", "backup", "elasticfilesystem", "glacier", "redshift-data"}
)
_NOT_DATA = ("list", "describe", "create")


def _data_action(action) -> bool:
    if not isinstance(action, str):
        return False
    if action == "*":
        return True
    prefix, _, name = action.partition(":")
    return prefix in DATA_SERVICES and not name.startswith(_NOT_DATA)


def identity_resource_scope(document: PolicyDocument, config: PerimeterConfig) -> list:
    """M1 least privilege: data actions of identity policies stay on resources of your organization."""
    issues = []
    for statement in document.statements:
        if not statement.is_allow:
            continue
        if statement.not_resource:
            issues.append(Issue(FAIL, f"{statement.label}: Allow with NotResource grants every other resource, including resources outside your organization"))
            continue
        if "*" not in [r.strip() if isinstance(r, str) else r for r in statement.resources]:
            continue
        data = statement.not_action or any(_data_action(a) for a in statement.actions)
        if not data:
            continue
        statuses = []
        for clause in statement.conditions:
            if clause.key in RESOURCE_KEYS and clause.requires_match and clause.values:
                statuses.append(max((_org_value(clause.key, v, config)[0] for v in clause.values),
                                    key=lambda s: {RESTRICTED: 0, UNRESOLVED_VALUE: 1}.get(s, 2)))
        if RESTRICTED in statuses:
            continue
        if UNRESOLVED_VALUE in statuses:
            issues.append(Issue(WARN, f"{statement.label}: a resource condition value cannot be resolved statically"))
            continue
        what = "NotAction" if statement.not_action else "data actions"
        issues.append(Issue(FAIL, f"{statement.label}: Allow of {what} on Resource \"*\" without an aws:ResourceOrgID, aws:ResourceAccount or s3:ResourceAccount condition naming your organization"))
    return issues


PREDICATES = {
    "org_policy_lint": org_policy_lint,
    "org_resource_perimeter": org_resource_perimeter,
    "org_network_perimeter": org_network_perimeter,
    "rcp_identity_perimeter": rcp_identity_perimeter,
    "org_region_guard": org_region_guard,
    **{name: _missing(control) for name, control in COMPLETENESS_CHECKS.items()},
    "identity_resource_scope": identity_resource_scope,
}

from perimeter_checks.policy import analysis as _analysis  # noqa: E402

_analysis.PREDICATES.update(PREDICATES)
