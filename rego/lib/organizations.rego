# Organization policies (SCPs, RCPs) and identity policies: the twin of
# perimeter_checks/policy/organizations.py. A document judged here carries "kind"
# ("scp" / "rcp", from the policy type); documents without a kind are not organization
# policies and the organization predicates return nothing for them.
package perimeter_checks.lib.organizations

import rego.v1

import data.perimeter_checks.lib.analysis
import data.perimeter_checks.lib.conditions
import data.perimeter_checks.lib.document
import data.perimeter_checks.lib.values

policy_types := {"SERVICE_CONTROL_POLICY": "scp", "RESOURCE_CONTROL_POLICY": "rcp"}

kind_names := {"scp": "service control policy", "rcp": "resource control policy"}

kind_of(doc) := object.get(doc, "kind", "")

identity_keys := {"aws:principalorgid", "aws:principalorgpaths"}

source_keys := {"aws:sourceorgid", "aws:sourceorgpaths"}

resource_keys := {"aws:resourceorgid", "aws:resourceorgpaths", "aws:resourceaccount", "s3:resourceaccount"}

network_keys := {"aws:sourceip", "aws:sourcevpc", "aws:sourcevpce", "aws:vpceorgid", "aws:vpceorgpaths", "aws:vpceaccount"}

region_key := "aws:requestedregion"

perimeter_keys := (((identity_keys | source_keys) | resource_keys) | network_keys) | {region_key, "aws:sourceaccount"}

_positive_if_exists := {"stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike", "ipaddress"}

_placeholder := `<[^<>\s]{1,80}>`

global_services := ["iam", "organizations", "sts", "route53", "cloudfront", "support"]

_global_prefixes := {
	"iam", "organizations", "sts", "route53", "cloudfront", "support", "route53domains", "globalaccelerator",
	"waf", "shield", "budgets", "ce", "health", "account", "trustedadvisor", "aws-portal", "networkmanager",
}

governance_actions := [
	"ram:createresourceshare", "ram:updateresourceshare", "ec2:modifyimageattribute",
	"ec2:modifysnapshotattribute", "rds:modifydbsnapshotattribute", "rds:modifydbclustersnapshotattribute",
	"redshift:authorizedatashare", "glue:putresourcepolicy", "lambda:addpermission",
]

# ---------------------------------------------------------------- intents

_all_lower(vs, x) if {
	count(vs) > 0
	every v in vs {
		is_string(v)
		lower(v) == x
	}
}

bool_is(c, key, x) if {
	c.key == key
	c.base == "bool"
	c.qualifier == ""
	_all_lower(c.values, x)
}

has_bool(s, key, x) if {
	some c in s.conditions
	bool_is(c, key, x)
}

positive_vpc(s) if {
	some c in s.conditions
	c.key == "aws:sourcevpc"
	not conditions.negated(c)
	c.base != "null"
}

_exception_bool(c) if {
	c.base == "bool"
	c.key in {"aws:principalisawsservice", "aws:viaawsservice"}
	every v in c.values {
		is_string(v)
		lower(v) == "false"
	}
}

narrowing(c) if {
	not c.key in perimeter_keys
	not conditions.negated(c)
	c.key != "?"
	not _exception_bool(c)
}

_keys(s) := {c.key | some c in s.conditions}

_identity_intent(s) := {"targeted_identity"} if {
	count(_keys(s) & identity_keys) > 0
	some c in s.conditions
	narrowing(c)
} else := {"identity"} if count(_keys(s) & identity_keys) > 0
else := {"confused_deputy"} if count(_keys(s) & source_keys) > 0
else := set()

_resource_intent(s) := {"resource"} if count(_keys(s) & resource_keys) > 0
else := set()

_region_intent(s) := {"vpc_region"} if {
	region_key in _keys(s)
	positive_vpc(s)
} else := {"region"} if region_key in _keys(s)
else := set()

_network_intent(s) := {"network"} if {
	count(_keys(s) & network_keys) > 0
	not "vpc_region" in _region_intent(s)
} else := set()

# identity, targeted_identity, confused_deputy, resource, network, vpc_region, region
intents(s) := set() if not document.is_deny(s)
else := ((_identity_intent(s) | _resource_intent(s)) | _region_intent(s)) | _network_intent(s)

# ---------------------------------------------------------------- clause checks

absent_problem(c) := sprintf(
	"%s: a Deny needs a negated operator (StringNotEquals[IfExists]), this one denies the listed values instead",
	[conditions.describe(c)],
) if not conditions.negated(c)
else := sprintf("%s: ForAnyValue does not fire when the key is absent", [conditions.describe(c)]) if c.qualifier == "foranyvalue"

_issue(s, verdict, text) := {"label": document.label(s), "verdict": verdict, "message": sprintf("%s: %s", [document.label(s), text])}

_status_issue(s, r) := _issue(s, "warn", r[1]) if r[0] == "unresolved"
else := _issue(s, "fail", r[1])

_unresolved_text(key, v) := sprintf("%s value '%s' cannot be resolved statically", [key, values.text(v)])

_org_lookup(key) := "aws:principalorgid" if key in {"aws:vpceorgid", "aws:resourceorgid", "aws:principalorgid", "aws:sourceorgid"}
else := "aws:principalorgpaths" if endswith(key, "orgpaths")
else := "aws:principalaccount"

org_value(key, v, cfg) := ["unresolved", _unresolved_text(key, v)] if {
	values.is_expression(v)
	cfg.configured
} else := ["restricted", ""] if values.is_expression(v)
else := _org_status(key, v, analysis.value_status(_org_lookup(key), v, cfg, true))

_org_status(_, _, "restricted") := ["restricted", ""]

_org_status(key, v, "unresolved") := ["unresolved", _unresolved_text(key, v)]

_org_status(key, v, status) := [s, sprintf("%s value '%s' is not yours", [key, trim_space(values.text(v))])] if {
	not status in {"restricted", "unresolved"}
	s := _foreign_or_weak(status)
}

_foreign_or_weak("foreign") := "foreign"

_foreign_or_weak(status) := "weak" if status != "foreign"

_cidr(t) := t if contains(t, "/")
else := concat("", [t, "/128"]) if contains(t, ":")
else := concat("", [t, "/32"])

network_value(key, v, cfg) := org_value(key, v, cfg) if key in {"aws:vpceorgid", "aws:vpceorgpaths", "aws:vpceaccount"}
else := ["unresolved", _unresolved_text(key, v)] if {
	values.is_expression(v)
	cfg.configured
} else := ["restricted", ""] if values.is_expression(v)
else := _ip_value(key, trim_space(v), cfg) if key == "aws:sourceip"
else := ["weak", sprintf("%s value '%s' is a wildcard", [key, trim_space(v)])] if values.has_wildcard(trim_space(v))
else := ["foreign", sprintf("%s value '%s' is not one of your configured networks", [key, trim_space(v)])] if {
	allowed := _allowed_networks(key, cfg)
	count(allowed) > 0
	not trim_space(v) in allowed
} else := ["restricted", ""]

_allowed_networks("aws:sourcevpc", cfg) := cfg.vpc_ids

_allowed_networks(key, cfg) := cfg.vpc_endpoint_ids if key != "aws:sourcevpc"

_ip_value(key, t, cfg) := ["weak", sprintf("%s value '%s' is not an IP address or CIDR", [key, t])] if {
	not regex.match(`^[0-9a-fA-F:.]+(/[0-9]{1,3})?$`, t)
} else := ["weak", sprintf("%s value '%s' is not an IP address or CIDR", [key, t])] if {
	not net.cidr_is_valid(_cidr(t))
} else := ["weak", sprintf("%s value '%s' matches every address", [key, t])] if {
	to_number(split(_cidr(t), "/")[1]) == 0
} else := ["foreign", sprintf("%s value '%s' is outside your configured cidrs", [key, t])] if {
	count(cfg.cidrs) > 0
	not _inside_cidrs(_cidr(t), cfg)
} else := ["restricted", ""]

_inside_cidrs(c, cfg) if {
	some mine in cfg.cidrs
	_same_family(c, mine)
	net.cidr_contains(mine, c)
}

_same_family(a, b) if contains(a, ":") == contains(b, ":")

region_value(v, cfg) := ["unresolved", _unresolved_text(region_key, v)] if {
	values.is_expression(v)
	cfg.configured
} else := ["restricted", ""] if values.is_expression(v)
else := ["foreign", sprintf("aws:requestedregion value '%s' is not one of your configured regions", [trim_space(v)])] if {
	count(cfg.regions) > 0
	not trim_space(v) in cfg.regions
} else := ["restricted", ""]

_judge("org", key, v, cfg) := org_value(key, v, cfg)

_judge("network", key, v, cfg) := network_value(key, v, cfg)

_judge("region", _, v, cfg) := region_value(v, cfg)

_value_issues(s, c, judge, cfg) := {_status_issue(s, r) |
	some v in c.values
	r := _judge(judge, c.key, v, cfg)
	r[0] != "restricted"
}

# A perimeter clause of a Deny: it must fire when the key is absent, and name what is yours.
perimeter_clause_issues(s, c, judge, cfg) := {_issue(s, "fail", absent_problem(c))} if absent_problem(c)
else := _value_issues(s, c, judge, cfg)

# Why a NotResource entry exempts more than AWS-owned or your resources (null: it does not).
exempt_problem(arn, cfg) := null if not is_string(arn)
else := null if values.is_expression(arn)
else := null if regex.match(_placeholder, arn)
else := null if analysis.aws_owned_resource(arn)
else := sprintf("NotResource '%s' exempts every resource", [arn]) if count(split(trim_space(arn), ":")) < 6
else := _account_problem(arn, split(trim_space(arn), ":"), cfg)

_account_problem(arn, parts, cfg) := null if parts[4] == "aws"
else := null if {
	parts[4] == ""
	head := regex.split(`[/:]`, concat(":", array.slice(parts, 5, count(parts))))[0]
	head != ""
	not values.has_wildcard(head)
} else := sprintf("NotResource '%s' exempts resources of every account", [arn]) if parts[4] == ""
else := sprintf("NotResource '%s' exempts resources of every account", [arn]) if values.account_of(parts[4]).kind == "wildcard"
else := sprintf("NotResource '%s' exempts resources of account %s, which is not yours", [arn, parts[4]]) if {
	ref := values.account_of(parts[4])
	ref.kind == "account"
	analysis.classify_account(ref, cfg) == "foreign"
} else := null

_aws_service_role(v) if {
	is_string(v)
	regex.match(`:role/(aws:|aws-service-role/)`, v)
}

_exception_issue(s, c, v, cfg) := _issue(s, "warn", sprintf("exception %s: %s", [conditions.describe(c), status])) if {
	status := analysis.value_status(c.key, v, cfg, true)
	status == "unresolved"
} else := _issue(s, "fail", sprintf("exception %s: %s", [conditions.describe(c), status])) if {
	status := analysis.value_status(c.key, v, cfg, true)
	status != "restricted"
}

# Exceptions of a perimeter Deny must not exempt callers or resources that are not yours or AWS's.
exception_issues(s, cfg) := ((_principal_exceptions(s, cfg) | _owner_exceptions(s)) | _called_via_exceptions(s)) | _not_resource_exceptions(s, cfg)

_principal_exceptions(s, cfg) := {i |
	some c in s.conditions
	conditions.negated(c)
	c.key in {"aws:principalaccount", "aws:principalarn"}
	some v in c.values
	not _skipped_principal(c.key, v)
	i := _exception_issue(s, c, v, cfg)
}

_skipped_principal("aws:principalarn", v) if _aws_service_role(v)

_owner_exceptions(s) := {_issue(s, "fail", sprintf("exception %s exempts images of any owner", [conditions.describe(c)])) |
	some c in s.conditions
	conditions.negated(c)
	c.key == "ec2:owner"
	some v in c.values
	is_string(v)
	trim_space(v) != "amazon"
	values.account_of(v).kind != "account"
}

_called_via_exceptions(s) := {_issue(s, "fail", sprintf("exception %s is not an AWS service", [conditions.describe(c)])) |
	some c in s.conditions
	conditions.negated(c)
	c.key == "aws:calledvia"
	some v in c.values
	is_string(v)
	_not_a_service(v)
}

_not_a_service(v) if values.has_wildcard(v)

_not_a_service(v) if not endswith(trim_space(v), ".amazonaws.com")

_not_resource_exceptions(s, cfg) := {_issue(s, "fail", p) |
	s.not_resource
	some r in s.resources
	p := exempt_problem(r, cfg)
	p != null
}

# ---------------------------------------------------------------- predicates

_clauses_issues(s, keys, judge, cfg) := {i |
	some c in s.conditions
	c.key in keys
	some i in perimeter_clause_issues(s, c, judge, cfg)
}

# M1: a resource-perimeter Deny fires for resources outside your organization, with sane exceptions.
org_resource_perimeter(doc, cfg) := set() if kind_of(doc) == ""
else := {i |
	some s in doc.statements
	"resource" in intents(s)
	some i in _clauses_issues(s, resource_keys, "org", cfg) | exception_issues(s, cfg)
}

_paired(doc) if {
	some s in doc.statements
	"vpc_region" in intents(s)
}

_via_issue(s) := set() if has_bool(s, "aws:viaawsservice", "false")
else := {_issue(s, "fail", "no aws:ViaAWSService = false exception, so AWS services calling on your behalf are denied")}

_principal_service_issue(s, "rcp") := set() if has_bool(s, "aws:principalisawsservice", "false")
else := {_issue(s, "fail", "no aws:PrincipalIsAWSService = false exception, so AWS service principals are denied")}

_principal_service_issue(_, kind) := set() if kind != "rcp"

_pairing_issue(s, doc) := {_issue(s, "fail", "aws:SourceVpc is not paired with an aws:RequestedRegion statement for the VPC's region")} if {
	some c in s.conditions
	c.key == "aws:sourcevpc"
	not _paired(doc)
} else := set()

_vpc_values(s, cfg) := {i |
	some c in s.conditions
	c.key == "aws:sourcevpc"
	some i in _value_issues(s, c, "network", cfg)
}

_network_issues(s, doc, cfg) := _vpc_values(s, cfg) | _clauses_issues(s, {region_key}, "region", cfg) if {
	"vpc_region" in intents(s)
} else := (((_clauses_issues(s, network_keys, "network", cfg) | _via_issue(s)) | _principal_service_issue(s, kind_of(doc))) | _pairing_issue(s, doc)) | exception_issues(s, cfg) if {
	"network" in intents(s)
} else := set()

# M2: a network-perimeter Deny keeps AWS services working and names your networks.
org_network_perimeter(doc, cfg) := set() if kind_of(doc) == ""
else := {i |
	some s in doc.statements
	some i in _network_issues(s, doc, cfg)
}

_companion(doc) if {
	some s in doc.statements
	"confused_deputy" in intents(s)
	has_bool(s, "aws:principalisawsservice", "true")
}

_null_source_false(s) if {
	some c in s.conditions
	c.key == "aws:sourceaccount"
	c.base == "null"
	_all_lower(c.values, "false")
}

_service_exception_issue(s) := set() if has_bool(s, "aws:principalisawsservice", "false")
else := {_issue(s, "fail", "no aws:PrincipalIsAWSService = false exception, so AWS service principals are denied")}

_companion_issue(s, doc) := set() if _companion(doc)
else := {_issue(s, "fail", "no confused-deputy companion (Deny for AWS services whose aws:SourceOrgID is not yours, with Null aws:SourceAccount = false)")}

_identity_requirements(s, doc) := _service_exception_issue(s) | _companion_issue(s, doc) if "identity" in intents(s)
else := set()

_deputy_bool_issue(s) := set() if has_bool(s, "aws:principalisawsservice", "true")
else := {_issue(s, "fail", "without Bool aws:PrincipalIsAWSService = true the confused-deputy Deny also denies your own principals")}

_deputy_null_issue(s) := set() if _null_source_false(s)
else := {_issue(s, "fail", "no Null aws:SourceAccount = false, so AWS service calls that carry no source are denied")}

_deputy_clause_issues(s, cfg) := {i |
	some c in s.conditions
	c.key in (source_keys | {"aws:sourceaccount"})
	c.base != "null"
	some i in perimeter_clause_issues(s, c, "org", cfg)
}

_identity_issues(s, doc, cfg) := (_clauses_issues(s, identity_keys, "org", cfg) | _identity_requirements(s, doc)) | exception_issues(s, cfg) if {
	count(intents(s) & {"identity", "targeted_identity"}) > 0
} else := (_deputy_clause_issues(s, cfg) | _deputy_bool_issue(s)) | _deputy_null_issue(s) if {
	"confused_deputy" in intents(s)
} else := set()

# M3 in RCP form: the identity perimeter exempts AWS services and has its confused-deputy companion.
rcp_identity_perimeter(doc, cfg) := set() if kind_of(doc) != "rcp"
else := {i |
	some s in doc.statements
	some i in _identity_issues(s, doc, cfg)
}

_global_action(a) if a == "*"

_global_action(a) if {
	is_string(a)
	prefix := split(a, ":")[0]
	prefix in _global_prefixes
}

_global_action(a) if {
	is_string(a)
	values.has_wildcard(split(a, ":")[0])
}

_allowed_regions(s) := {trim_space(v) |
	some c in s.conditions
	c.key == region_key
	not absent_problem(c)
	some v in c.values
	is_string(v)
}

_exempts(svc, s) if {
	some p in s.actions
	is_string(p)
	analysis.fnmatch(concat("", [svc, ":x"]), p)
}

_action_issues(s) := set() if "us-east-1" in _allowed_regions(s)
else := {_issue(s, "fail", sprintf(
	"Action %s denies global services (IAM, STS, Organizations, ...) outside your regions; list them in NotAction",
	[concat(", ", covered)],
))} if {
	not s.not_action
	covered := sort({a | some a in s.actions; _global_action(a)})
	count(covered) > 0
} else := {_issue(s, "fail", sprintf("NotAction does not exempt the global services %s", [concat(", ", missing)]))} if {
	s.not_action
	missing := [svc | some svc in global_services; not _exempts(svc, s)]
	count(missing) > 0
} else := set()

# M6: a region guard leaves global services out (NotAction) and lists your regions.
org_region_guard(doc, cfg) := set() if kind_of(doc) == ""
else := {i |
	some s in doc.statements
	"region" in intents(s)
	some i in _clauses_issues(s, {region_key}, "region", cfg) | _action_issues(s)
}

_placeholders(s) := sort({m |
	texts := array.concat(array.concat(s.actions, s.resources), [p.value | some p in s.principals])
	some t in array.concat(texts, [x | some c in s.conditions; some x in array.concat([c.key], c.values)])
	is_string(t)
	some m in regex.find_n(_placeholder, t, -1)
})

_full_access(s) if {
	count(s.conditions) == 0
	not s.not_action
	not s.not_resource
	s.actions == ["*"]
	s.resources in {["*"], []}
}

_effect_issues(s, kind) := {_issue(s, "fail", sprintf(
	"an Allow on %s restricts nothing in a %s; a perimeter must be a Deny",
	[concat(", ", keys), kind_names[kind]],
))} if {
	document.is_allow(s)
	keys := sort({c.key | some c in s.conditions; c.key in perimeter_keys})
	count(keys) > 0
} else := {_issue(s, "fail", "a resource control policy grants nothing with Allow; only Deny statements restrict")} if {
	document.is_allow(s)
	kind == "rcp"
	not _full_access(s)
} else := {_issue(s, "fail", sprintf("Effect '%s' is neither Allow nor Deny", [s.effect]))} if {
	not document.is_allow(s)
	not document.is_deny(s)
} else := set()

_clause_lint(s) := {i |
	some c in s.conditions
	c.if_exists
	c.base in _positive_if_exists
	i := _issue(s, "fail", sprintf("%s: IfExists on a positive operator also matches requests without the key", [conditions.describe(c)]))
} | {i |
	some c in s.conditions
	count(c.values) == 0
	i := _issue(s, "fail", sprintf("%s has an empty value list", [conditions.describe(c)]))
}

_action_lint(s) := {_issue(s, "fail", sprintf("the %s list is empty", [_action_part(s)]))} if count(s.actions) == 0
else := set()

_action_part(s) := "NotAction" if s.not_action
else := "Action"

# NotAction or NotResource listing "*" leaves nothing for a Deny to apply to.
_exemption_lint(s) := {_issue(s, "fail", sprintf("a Deny with %s \"*\" denies nothing", [part]))} if {
	document.is_deny(s)
	part := _everything_exempted(s)
} else := set()

_everything_exempted(s) := "NotAction" if {
	s.not_action
	some a in s.actions
	_star(a)
} else := "NotResource" if {
	s.not_resource
	some r in s.resources
	_star(r)
}

_star(v) if {
	is_string(v)
	trim_space(v) == "*"
}

_placeholder_lint(s) := {_issue(s, "fail", sprintf("placeholder %s left in the policy", [concat(", ", found)]))} if {
	found := _placeholders(s)
	count(found) > 0
} else := set()

# M1: statements that cannot work as written in an SCP or RCP.
org_policy_lint(doc, _) := set() if kind_of(doc) == ""
else := {i |
	some s in doc.statements
	some i in (((_effect_issues(s, kind_of(doc)) | _clause_lint(s)) | _action_lint(s)) | _exemption_lint(s)) | _placeholder_lint(s)
}

# ---------------------------------------------------------------- completeness

controls := {
	"identity_rcp": {"mitigation": "M3", "what": "an identity-perimeter RCP (Deny on aws:PrincipalOrgID)"},
	"resource_scp": {"mitigation": "M1", "what": "a resource-perimeter SCP (Deny on aws:ResourceOrgID)"},
	"network": {"mitigation": "M2", "what": "a network-perimeter SCP or RCP (Deny outside aws:SourceIp / aws:SourceVpc / aws:VpceOrgID)"},
	"region_guard": {"mitigation": "M6", "what": "a region guard (Deny outside your aws:RequestedRegion values)"},
	"governance_scp": {"mitigation": "M3", "what": "a governance SCP (Deny on external sharing such as ram:CreateResourceShare)"},
}

completeness_checks := {sprintf("org_missing_%s", [c]): c | some c, _ in controls}

_governance_statement(s) if {
	document.is_deny(s)
	not s.not_action
	some a in s.actions
	is_string(a)
	contains(a, ":")
	not values.has_wildcard(split(a, ":")[0])
	some g in governance_actions
	analysis.fnmatch(g, a)
}

_statement_controls(s, "rcp") := {"identity_rcp" | "identity" in intents(s)} | _common_controls(s)

_statement_controls(s, "scp") := ({"resource_scp" | "resource" in intents(s)} | {"governance_scp" | _governance_statement(s)}) | _common_controls(s)

_common_controls(s) := {"network" | "network" in intents(s)} | {"region_guard" | "region" in intents(s)}

# The perimeter controls a set of organization policies (with kinds) defines.
controls_present(docs) := {c |
	some doc in docs
	kind_of(doc) in {"scp", "rcp"}
	some s in doc.statements
	some c in _statement_controls(s, kind_of(doc))
}

missing_message(control) := sprintf("organization policies lack %s (%s)", [controls[control].what, controls[control].mitigation])

missing_control_issues(control, docs) := set() if count([d | some d in docs; kind_of(d) != ""]) == 0
else := set() if control in controls_present(docs)
else := {{"label": missing_message(control), "verdict": "fail", "message": missing_message(control)}}

# ---------------------------------------------------------------- identity policies (M1)

data_services := {
	"s3", "sqs", "sns", "kms", "secretsmanager", "dynamodb", "ssm", "kinesis", "firehose", "glue", "athena",
	"rds-data", "es", "aoss", "ecr", "lambda", "logs", "backup", "elasticfilesystem", "glacier", "redshift-data",
}

_data_action(a) if a == "*"

_data_action(a) if {
	is_string(a)
	prefix := split(a, ":")[0]
	prefix in data_services
	name := _action_name(a)
	not startswith(name, "list")
	not startswith(name, "describe")
	not startswith(name, "create")
}

_action_name(a) := substring(a, indexof(a, ":") + 1, -1) if contains(a, ":")
else := ""

_data_statement(s) if s.not_action

_data_statement(s) if {
	some a in s.actions
	_data_action(a)
}

_star_resource(s) if {
	some r in s.resources
	is_string(r)
	trim_space(r) == "*"
}

_value_rank(st) := 0 if st == "restricted"
else := 1 if st == "unresolved"
else := 2

_resource_clause_status(c, cfg) := ["restricted", "unresolved", "other"][max([_value_rank(org_value(c.key, v, cfg)[0]) | some v in c.values])]

_resource_statuses(s, cfg) := {_resource_clause_status(c, cfg) |
	some c in s.conditions
	c.key in resource_keys
	conditions.requires_match(c)
	count(c.values) > 0
}

_scope_issue(s, cfg) := {_issue(s, "fail", "Allow with NotResource grants every other resource, including resources outside your organization")} if s.not_resource
else := set() if not _star_resource(s)
else := set() if not _data_statement(s)
else := set() if "restricted" in _resource_statuses(s, cfg)
else := {_issue(s, "warn", "a resource condition value cannot be resolved statically")} if "unresolved" in _resource_statuses(s, cfg)
else := {_issue(s, "fail", sprintf(
	"Allow of %s on Resource \"*\" without an aws:ResourceOrgID, aws:ResourceAccount or s3:ResourceAccount condition naming your organization",
	[_what(s)],
))}

_what(s) := "NotAction" if s.not_action
else := "data actions"

# M1 least privilege: data actions of identity policies stay on resources of your organization.
identity_resource_scope(doc, cfg) := {i |
	some s in doc.statements
	document.is_allow(s)
	some i in _scope_issue(s, cfg)
}
