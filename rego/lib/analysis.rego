# Perimeter predicates over a normalized document: the twin of
# perimeter_checks/policy/analysis.py. Each predicate returns a set of issues
# {"label", "verdict": "fail"|"warn", "message"}; cfg is a normalized config
# (perimeter_checks.lib.config.normalize).
package perimeter_checks.lib.analysis

import rego.v1

import data.perimeter_checks.lib.aws_owned
import data.perimeter_checks.lib.conditions
import data.perimeter_checks.lib.document
import data.perimeter_checks.lib.values

ok_principals := {"own", "trusted", "service"}

# ---------------------------------------------------------------- principals

# public, own, trusted, foreign, unverified, service, federated, canonical or unresolved
classify_principal(p, cfg) := "public" if p.kind == "*"
else := "unresolved" if p.kind == "?"
else := "unresolved" if values.is_unresolved(p.value)
else := _principal_account_kind(classify_account(values.iam_principal_account(p.value), cfg)) if p.kind == "AWS"
else := "public" if {
	p.kind == "Service"
	trim_space(p.value) == "*"
} else := "unresolved" if {
	p.kind == "Service"
	values.is_expression(p.value)
} else := "service" if p.kind == "Service"
else := "federated" if p.kind == "Federated"
else := "canonical" if p.kind == "CanonicalUser"
else := "unresolved"

_principal_account_kind(kind) := "unresolved" if kind == "invalid"
else := kind

classify_account(ref, cfg) := "public" if ref.kind == "wildcard"
else := ref.kind if ref.kind in {"own", "unresolved", "invalid"}
else := "own" if ref.account in cfg.account_ids
else := "trusted" if ref.account in cfg.trusted_accounts
else := "foreign" if count(cfg.account_ids) > 0
else := "unverified"

describe_principal(p) := `Principal "*"` if p.kind == "*"
else := sprintf("%s principal '%s'", [p.kind, values.text(p.value)])

# ---------------------------------------------------------------- condition values

org_keys := {"aws:principalorgid", "aws:sourceorgid", "aws:resourceorgid"}

org_path_keys := {"aws:principalorgpaths", "aws:sourceorgpaths", "aws:resourceorgpaths"}

account_keys := {
	"aws:principalaccount", "kms:calleraccount", "aws:sourceaccount", "aws:sourceowner",
	"aws:resourceaccount", "s3:resourceaccount",
}

resource_keys := {"aws:resourceorgid", "aws:resourceorgpaths", "aws:resourceaccount", "s3:resourceaccount"}

arn_keys := {"aws:principalarn", "aws:sourcearn"}

principal_keys := {"aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn"}

source_keys := {"aws:sourceaccount", "aws:sourceowner", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths"}

identity_keys := (principal_keys | source_keys) | {"kms:calleraccount"}

network_keys := {
	"aws:sourcevpce", "aws:sourcevpc", "aws:sourceip",
	"aws:vpceorgid", "aws:vpceorgpaths", "aws:vpceaccount",
}

rank := {"restricted": 0, "foreign": 1, "network": 2, "unresolved": 3, "weak": 4, "none": 5}

# Does one condition value name something of yours? (a status, see rank)
value_status(key, value, cfg, accept_trusted) := "restricted" if {
	key in account_keys
	not values.is_unresolved(value)
	values.account_of(value).kind == "own"
} else := "restricted" if {
	key in arn_keys
	values.account_in_arn(value).kind == "own"
} else := "restricted" if {
	key in arn_keys
	values.is_own_resource_reference(value)
} else := "unresolved" if {
	values.is_expression(value)
	cfg.configured
} else := "restricted" if values.is_expression(value)
else := _org_status(trim_space(value), cfg) if key in org_keys
else := _path_status(trim_space(value), cfg) if key in org_path_keys
else := _account_status(key, trim_space(value), cfg, accept_trusted) if key in account_keys
else := _account_status(key, trim_space(value), cfg, accept_trusted) if key in arn_keys
else := "none"

_org_status(t, cfg) := "weak" if values.has_wildcard(t)
else := "foreign" if {
	count(cfg.org_ids) > 0
	not t in cfg.org_ids
} else := "restricted"

_path_status(t, cfg) := "weak" if {
	org := split(t, "/")[0]
	org == ""
} else := "weak" if {
	values.has_wildcard(split(t, "/")[0])
} else := "foreign" if {
	count(cfg.org_ids) > 0
	not split(t, "/")[0] in cfg.org_ids
} else := "foreign" if {
	count(cfg.org_paths) > 0
	not _under_configured_path(t, cfg)
} else := "restricted"

_under_configured_path(t, cfg) if {
	some path in cfg.org_paths
	startswith(trim_right(t, "*"), trim_right(path, "*"))
}

_account_ref(key, t) := values.account_in_arn(t) if key in arn_keys
else := values.account_of(t)

_account_status(key, t, cfg, accept_trusted) := _arnless_status(t) if _account_ref(key, t).kind == "none"
else := _ref_status(classify_account(_account_ref(key, t), cfg), cfg, accept_trusted)

# An ARN without an account segment names one resource (e.g. a bucket).
_arnless_status(t) := "restricted" if {
	startswith(t, "arn:")
	not values.has_wildcard(trim(_after_fifth_colon(t), "*/"))
} else := "weak"

_after_fifth_colon(t) := concat(":", array.slice(parts, 5, count(parts))) if {
	parts := split(t, ":")
	count(parts) >= 6
} else := parts[count(parts) - 1] if parts := split(t, ":")

_ref_status(kind, cfg, accept_trusted) := "restricted" if kind == "own"
else := "restricted" if {
	kind == "trusted"
	accept_trusted
} else := "restricted" if kind == "unverified"
else := "unresolved" if {
	kind == "unresolved"
	cfg.configured
} else := "restricted" if kind == "unresolved"
else := "weak" if kind in {"public", "invalid"}
else := "foreign"

# How well the conditions confine callers to your organization (the best clause decides).
identity_restriction(conds, cfg, keys, accept_trusted) := status if {
	found := {s | some c in conds; s := _clause_restriction(c, cfg, keys, accept_trusted)}
	status := _best(found)
}

_clause_restriction(c, cfg, keys, accept_trusted) := clause_status(c, cfg, accept_trusted) if c.key in keys
else := "network" if {
	c.key in network_keys
	positive_network(c)
}

_best(found) := "none" if count(found) == 0
else := s if {
	ranks := [rank[x] | some x in found]
	some s in found
	rank[s] == min(ranks)
}

clause_status(c, cfg, accept_trusted) := "weak" if not conditions.requires_match(c)
else := "weak" if count(c.values) == 0
else := s if {
	statuses := {value_status(c.key, v, cfg, accept_trusted) | some v in c.values}
	s := _weakest(statuses)
}

# Values are ORed: the clause is only as strong as its weakest value (foreign worst).
_weakest(statuses) := "foreign" if "foreign" in statuses
else := s if {
	ranks := [rank[x] | some x in statuses]
	some s in statuses
	rank[s] == max(ranks)
}

positive_network(c) if {
	not c.if_exists
	c.qualifier != "forallvalues"
	c.base == "ipaddress"
}

positive_network(c) if {
	not c.if_exists
	c.qualifier != "forallvalues"
	conditions.requires_match(c)
}

# ---------------------------------------------------------------- deny guards

exception_bool_keys := {"aws:principalisawsservice", "aws:viaawsservice"}

_is_org_clause(c) if {
	c.key in {"aws:principalorgid", "aws:principalorgpaths"}
	conditions.negated(c)
	c.qualifier != "foranyvalue"
}

_is_bool_exception(c) if {
	c.key in exception_bool_keys
	c.base == "bool"
}

_is_account_exception(c) if {
	c.key in {"aws:principalaccount", "aws:principalarn"}
	conditions.negated(c)
}

# A Deny for every principal whose organization is not yours, with only unforgeable exceptions.
is_guard(s, cfg) if {
	document.is_deny(s)
	not s.not_principal
	count(s.principals) > 0
	every p in s.principals {
		classify_principal(p, cfg) == "public"
	}
	some org_clause in s.conditions
	_is_org_clause(org_clause)
	every c in s.conditions {
		_guard_clause_ok(c, cfg)
	}
}

_guard_clause_ok(c, cfg) if {
	_is_org_clause(c)
	every v in c.values {
		value_status(c.key, v, cfg, true) == "restricted"
	}
}

_guard_clause_ok(c, _) if {
	not _is_org_clause(c)
	_is_bool_exception(c)
	every v in c.values {
		is_string(v)
		lower(v) == "false"
	}
}

_guard_clause_ok(c, cfg) if {
	not _is_org_clause(c)
	not _is_bool_exception(c)
	_is_account_exception(c)
	every v in c.values {
		value_status(c.key, v, cfg, true) == "restricted"
	}
}

_guard_clause_ok(c, _) if {
	not _is_org_clause(c)
	not _is_bool_exception(c)
	not _is_account_exception(c)
	startswith(c.key, "aws:resourcetag/")
	conditions.negated(c)
}

# fnmatch.fnmatchcase for IAM action patterns ("[...]" is taken literally here).
_glob_escapes := {
	"\\": "\\\\", ".": "\\.", "+": "\\+", "(": "\\(", ")": "\\)", "|": "\\|",
	"[": "\\[", "]": "\\]", "{": "\\{", "}": "\\}", "^": "\\^", "$": "\\$",
	"*": ".*", "?": ".",
}

fnmatch(name, pattern) if regex.match(concat("", ["(?s)^", strings.replace_n(_glob_escapes, pattern), "$"]), name)

_action_matched(action, guard) if {
	some p in guard.actions
	is_string(p)
	fnmatch(action, p)
}

_action_covered(action, guard) if {
	is_string(action)
	not guard.not_action
	_action_matched(action, guard)
}

_action_covered(action, guard) if {
	is_string(action)
	guard.not_action
	not _action_matched(action, guard)
}

# The guard denies at least every action the Allow statement grants.
guard_covers(guard, s) if {
	s.not_action
	not guard.not_action
	"*" in guard.actions
}

guard_covers(guard, s) if {
	not s.not_action
	count(s.actions) > 0
	every a in s.actions {
		_action_covered(a, guard)
	}
}

guards(doc, cfg) := [s | some s in doc.statements; is_guard(s, cfg)]

guarded(guard_list, s) if {
	some g in guard_list
	guard_covers(g, s)
}

# ---------------------------------------------------------------- predicates

_not_principal_risk := {"desc": "everyone but the NotPrincipal list (Allow with NotPrincipal)", "kind": "public"}

_external_risks(s, cfg) := {_not_principal_risk} if s.not_principal
else := {r |
	some p in s.principals
	kind := classify_principal(p, cfg)
	not kind in ok_principals
	r := {"desc": describe_principal(p), "kind": kind}
}

_unrestricted_issue(s, risks, status) := issue if {
	status != "restricted"
	kinds := {r.kind | some r in risks}
	who := concat("; ", sort([r.desc | some r in risks]))
	verdict := _unrestricted_verdict(status, kinds)
	issue := {
		"label": document.label(s),
		"verdict": verdict,
		"message": sprintf("%s allows %s %s", [document.label(s), who, _status_text[status]]),
	}
}

_status_text := {
	"foreign": "but its condition names an organization or account that is not yours",
	"network": "and only the network is restricted; cannot verify the identity perimeter",
	"unresolved": "and a condition value cannot be resolved statically; cannot verify the identity perimeter",
	"weak": "without an effective aws:PrincipalOrgID condition (IfExists, negated, ForAllValues or wildcard values do not restrict)",
	"none": "without an aws:PrincipalOrgID condition",
}

_unrestricted_verdict(status, kinds) := "fail" if status == "foreign"
else := "warn" if status in {"network", "unresolved"}
else := "fail" if count(kinds & {"public", "foreign", "federated", "trusted"}) > 0
else := "warn"

# Resource policies (M3): Allow statements that reach principals outside the organization.
external_principals(doc, cfg) := {issue |
	guard_list := guards(doc, cfg)
	some s in doc.statements
	document.is_allow(s)
	risks := _external_risks(s, cfg)
	count(risks) > 0
	not guarded(guard_list, s)
	issue := _unrestricted_issue(s, risks, identity_restriction(s.conditions, cfg, identity_keys, true))
}

# Service principals must be tied to your accounts by a source condition.
service_principal_source(doc, cfg) := {issue |
	some s in doc.statements
	document.is_allow(s)
	not s.not_principal
	services := sort([values.text(p.value) | some p in s.principals; classify_principal(p, cfg) == "service"])
	count(services) > 0
	status := identity_restriction(s.conditions, cfg, source_keys, true)
	status != "restricted"
	issue := {
		"label": document.label(s),
		"verdict": _service_verdict(status),
		"message": sprintf(
			"%s allows service principal %s without an effective aws:SourceAccount, aws:SourceArn or aws:SourceOrgID condition (%s)",
			[document.label(s), concat(", ", services), status],
		),
	}
}

_service_verdict(status) := "warn" if status == "unresolved"
else := "fail"

external_id_present(conds) if {
	some c in conds
	c.key == "sts:externalid"
	conditions.requires_match(c)
	count(c.values) > 0
	every v in c.values {
		is_string(v)
		trim_space(v) != ""
		trim_space(v) != "*"
	}
}

_trust_risks(s, cfg) := {_not_principal_risk} if s.not_principal
else := {r |
	some p in s.principals
	p.kind in {"AWS", "*", "?"}
	kind := classify_principal(p, cfg)
	kind != "own"
	not _vouched(kind, s)
	r := {"desc": describe_principal(p), "kind": kind}
}

_vouched(kind, s) if {
	kind in {"trusted", "unverified"}
	external_id_present(s.conditions)
}

_without_network(status) := "none" if status == "network"
else := status

# Role trust (M8): IAM principals must be yours, in your org, or trusted with sts:ExternalId.
trust_external_principals(doc, cfg) := {issue |
	guard_list := guards(doc, cfg)
	some s in doc.statements
	document.is_allow(s)
	risks := _trust_risks(s, cfg)
	count(risks) > 0
	not guarded(guard_list, s)
	status := _without_network(identity_restriction(s.conditions, cfg, principal_keys, false))
	issue := _unrestricted_issue(s, risks, status)
}

_github := "token.actions.githubusercontent.com"

_audience_only_providers := {"cognito-identity.amazonaws.com"}

_oidc_pattern := `:oidc-provider/([^\s"']+)\n?$`

# The provider host of a Federated principal, or null when it is an expression.
oidc_host(value) := lower(m[0][1]) if {
	values.is_expression(value)
	m := regex.find_all_string_submatch_n(_oidc_pattern, values.text(value), 1)
	count(m) == 1
	not contains(m[0][1], "${")
} else := null if values.is_expression(value)
else := lower(trim_space(m[0][1])) if {
	m := regex.find_all_string_submatch_n(_oidc_pattern, value, 1)
	count(m) == 1
} else := lower(trim_space(value))

_claim_clauses(conds, claim, host) := [c |
	some c in conds
	endswith(c.key, concat("", [":", claim]))
	_host_matches(c.key, claim, host)
]

_host_matches(_, _, null)

_host_matches(key, claim, host) if {
	host != null
	key == concat("", [host, ":", claim])
}

# Python returns at the first decisive clause or value, in document order; so does this
# (in sorted operator/key order, which is all OPA keeps).
claim_problem(conds, claim, host) if count(_claim_clauses(conds, claim, host)) == 0

claim_problem(conds, claim, host) if {
	events := [e |
		some c in _claim_clauses(conds, claim, host)
		some e in _clause_events(c, claim)
	]
	"bad" in events
}

_clause_events(c, claim) := ["bad"] if not conditions.requires_match(c)
else := [e |
	some v in c.values
	e := _value_event(v, claim, c.key)
	e != "neutral"
]

_value_event(v, claim, key) := "neutral" if values.is_expression(v)
else := "bad" if trim_space(v) in {"", "*"}
else := "bad" if {
	claim == "sub"
	startswith(trim_space(v), "repo:*")
} else := "bad" if {
	claim == "sub"
	key == concat("", [_github, ":sub"])
	not regex.match(`^repo:[^*?/]+/`, trim_space(v))
} else := "neutral"

# Role trust (M8): an OIDC provider must be pinned by audience and subject.
trust_federated_principals(doc, _) := {issue |
	some s in doc.statements
	document.is_allow(s)
	not s.not_principal
	some p in s.principals
	p.kind == "Federated"
	not contains(values.text(p.value), "saml-provider/")
	not "sts:assumerolewithsaml" in s.actions
	host := oidc_host(p.value)
	problems := [claim | some claim in _claims(host); claim_problem(s.conditions, claim, host)]
	count(problems) > 0
	issue := {
		"label": document.label(s),
		"verdict": "fail",
		"message": sprintf(
			"%s trusts %s without pinning the token's %s claim",
			[document.label(s), describe_principal(p), concat(" and ", problems)],
		),
	}
}

_claims(host) := ["aud"] if host in _audience_only_providers
else := ["aud", "sub"]

# ---------------------------------------------------------------- VPC endpoint policies

# AWS's shape: `Bool aws:PrincipalIsAWSService = true` admits AWS services only.
_aws_service_statement(s) if {
	some c in s.conditions
	c.key == "aws:principalisawsservice"
	c.base == "bool"
	not c.if_exists
	c.qualifier == ""
	count(c.values) > 0
	every v in c.values {
		is_string(v)
		lower(v) == "true"
	}
}

# An ARN AWS owns (patch repositories, AWS managed policies, public AMIs, ...).
aws_owned_resource(arn) if {
	is_string(arn)
	not values.is_expression(arn)
	some pattern in aws_owned.patterns
	fnmatch(arn, pattern)
}

# AWS's shape: every resource is AWS-owned (and, for the exemption, no condition).
_aws_owned_statement(s) if {
	not s.not_resource
	count(s.resources) > 0
	every r in s.resources {
		aws_owned_resource(r)
	}
}

_endpoint_exempt(s) if _aws_service_statement(s)

_endpoint_exempt(s) if {
	count(s.conditions) == 0
	_aws_owned_statement(s)
}

# Every Resource ARN is AWS-owned or names an account of yours (or a trusted one).
_resources_yours(s, cfg) if {
	not s.not_resource
	count(s.resources) > 0
	every r in s.resources {
		_resource_yours(r, cfg)
	}
}

_resource_yours(r, _) if aws_owned_resource(r)

_resource_yours(r, cfg) if {
	not aws_owned_resource(r)
	ref := values.account_in_arn(r)
	ref.kind == "account"
	classify_account(ref, cfg) in {"own", "trusted", "unverified"}
}

_endpoint_risks(s, cfg) := {_not_principal_risk} if s.not_principal
else := {r |
	some p in _principals_or_everyone(s)
	kind := classify_principal(p, cfg)
	not kind in ok_principals
	r := {"desc": describe_principal(p), "kind": kind}
}

_principals_or_everyone(s) := s.principals if count(s.principals) > 0
else := [{"kind": "*", "value": "*"}]

# VPC endpoint policies (M4): every Allow admits only your principals (or AWS's shapes).
endpoint_principals(doc, cfg) := {issue |
	guard_list := guards(doc, cfg)
	some s in doc.statements
	document.is_allow(s)
	not _endpoint_exempt(s)
	risks := _endpoint_risks(s, cfg)
	count(risks) > 0
	not guarded(guard_list, s)
	status := _without_network(identity_restriction(s.conditions, cfg, principal_keys, true))
	issue := _unrestricted_issue(s, risks, status)
}

_resource_exclusion(s) if {
	some c in s.conditions
	c.key == "aws:principaltag/dp:exclude:resource"
	conditions.requires_match(c)
}

# VPC endpoint policies (M4, optional): Allows reach only resources of your organization.
endpoint_resources(doc, cfg) := {issue |
	some s in doc.statements
	document.is_allow(s)
	not _endpoint_exempt(s)
	not _resources_yours(s, cfg)
	not _resource_exclusion(s)
	status := identity_restriction(s.conditions, cfg, resource_keys, true)
	status != "restricted"
	issue := {
		"label": document.label(s),
		"verdict": _resource_verdict(status),
		"message": sprintf(
			"%s allows access to resources outside your organization (no effective aws:ResourceOrgID or aws:ResourceAccount condition: %s)",
			[document.label(s), status],
		),
	}
}

_resource_verdict(status) := "warn" if status == "unresolved"
else := "fail"

predicate("external_principals", doc, cfg) := external_principals(doc, cfg)

predicate("endpoint_principals", doc, cfg) := endpoint_principals(doc, cfg)

predicate("endpoint_resources", doc, cfg) := endpoint_resources(doc, cfg)

predicate("service_principal_source", doc, cfg) := service_principal_source(doc, cfg)

predicate("trust_external_principals", doc, cfg) := trust_external_principals(doc, cfg)

predicate("trust_federated_principals", doc, cfg) := trust_federated_principals(doc, cfg)
