# Parse any input form of an IAM policy into one normalized document: the twin of
# perimeter_checks/policy/document.py.
#
# parse_policy(value) is {"ok": true, "statements": [...]} or {"ok": false, "reason": "..."}.
# A statement is {"index", "sid", "effect", "principals": [{"kind", "value"}],
# "not_principal", "actions", "not_action", "resources", "not_resource", "conditions"}.
package perimeter_checks.lib.document

import rego.v1

import data.perimeter_checks.lib.conditions
import data.perimeter_checks.lib.values

unresolved(reason) := {"ok": false, "reason": reason}

# Case-insensitive member lookup (IAM element names are case-insensitive).
lget(obj, name) := obj[k] if {
	ks := sort([k | some k, _ in obj; is_string(k); lower(k) == name])
	count(ks) > 0
	k := ks[count(ks) - 1]
}

lhas(obj, name) if {
	some k, _ in obj
	is_string(k)
	lower(k) == name
}

_flag(obj, name) := true if lhas(obj, name)
else := false

lget_default(obj, name, default_value) := lget(obj, name) if lhas(obj, name)
else := default_value

parse_policy(value) := unresolved(sprintf("policy is the expression %s", [_short(value.__unresolved__)])) if {
	values.is_unresolved(value)
} else := _after_decode(decode_policy_text(value)) if is_string(value)
else := parse_decoded(value)

_after_decode(decoded) := parse_decoded(decoded.value) if decoded.ok
else := decoded

_short(t) := substring(t, 0, 120)

decode_policy_text(t) := {"ok": true, "value": null} if trim_space(t) == ""
else := unresolved("jsonencode() expression could not be evaluated statically") if {
	s := trim_space(t)
	startswith(s, "${jsonencode(")
	endswith(s, ")}")
} else := unresolved(sprintf("policy is the expression %s", [_short(trim_space(t))])) if {
	s := trim_space(t)
	values.is_expression(s)
	not startswith(s, "{")
} else := {"ok": true, "value": json.unmarshal(trim_space(t))} if json.is_valid(trim_space(t))
else := unresolved("policy text is not valid JSON")

parse_decoded(value) := {"ok": true, "statements": []} if value == null
else := unresolved("policy is not a JSON object") if not is_object(value)
else := unresolved("policy is not a JSON object") if values.is_unresolved(value)
else := _parse_object(value)

_parse_object(value) := unresolved("the Statement list is built by an expression") if {
	raw := lget_default(value, "statement", null)
	is_string(raw)
	values.is_expression(raw)
} else := unresolved("the Statement list is an unresolved expression") if {
	values.is_unresolved(lget_default(value, "statement", null))
} else := unresolved("a statement is not an object") if {
	some s in values.as_list(lget_default(value, "statement", null))
	not is_object(s)
} else := {"ok": true, "statements": [statement(i, s) | some i, s in values.as_list(lget_default(value, "statement", null))]}

statement(index, raw) := {
	"index": index,
	"sid": _sid(lget_default(raw, "sid", null)),
	"effect": values.text(values.as_text(lget_default(raw, "effect", "Allow"))),
	"not_principal": _flag(raw, "notprincipal"),
	"principals": principals(_principal_element(raw)),
	"not_action": _flag(raw, "notaction"),
	"actions": [_action(values.as_text(a)) | some a in values.as_list(_action_element(raw))],
	"not_resource": _flag(raw, "notresource"),
	"resources": [values.as_text(r) | some r in values.as_list(_resource_element(raw))],
	"conditions": conditions.parse_conditions(lget_default(raw, "condition", null)),
}

_principal_element(raw) := lget(raw, "notprincipal") if lhas(raw, "notprincipal")
else := lget_default(raw, "principal", null)

_action_element(raw) := lget(raw, "notaction") if lhas(raw, "notaction")
else := lget_default(raw, "action", null)

_resource_element(raw) := lget(raw, "notresource") if lhas(raw, "notresource")
else := lget_default(raw, "resource", null)

_action(a) := a if values.is_unresolved(a)
else := lower(a)

_falsy := {null, "", 0, false, [], {}}

_sid(v) := "" if v in _falsy
else := values.text(v)

label(s) := sprintf("statement '%s'", [s.sid]) if s.sid != ""
else := sprintf("statement #%d", [s.index + 1])

is_allow(s) if lower(s.effect) == "allow"

is_deny(s) if lower(s.effect) == "deny"

_canonical := {"aws": "AWS", "service": "Service", "federated": "Federated", "canonicaluser": "CanonicalUser"}

_canonical_kind(kind) := c if c := _canonical[lower(kind)]
else := kind

principals(value) := [{"kind": "?", "value": value}] if values.is_unresolved(value)
else := [{"kind": "?", "value": values.unresolved(value)}] if {
	is_string(value)
	value != "*"
	values.is_expression(value)
} else := [{"kind": "*", "value": "*"}] if {
	is_string(value)
	trim_space(value) == "*"
} else := [{"kind": "?", "value": values.unresolved(value)}] if is_string(value)
else := [] if value in {null, []}
else := [{"kind": "?", "value": values.unresolved(substring(values.text(value), 0, 80))}] if not is_object(value)
else := [p |
	some kind in sort(object.keys(value))
	is_string(kind)
	not startswith(kind, "__")
	canonical := _canonical_kind(kind)
	some entry in values.as_list(value[kind])
	p := {"kind": canonical, "value": _principal_value(canonical, entry)}
]

_principal_value(kind, entry) := values.zero_pad12(entry) if {
	kind == "AWS"
	is_number(entry)
	entry == floor(entry)
	entry >= 0
} else := values.as_text(entry)

# aws_iam_policy_document statement blocks (effect, principals {type, identifiers},
# condition {test, variable, values}) as a policy, then parsed.
policy_from_document_blocks(blocks) := unresolved("a statement block of the policy document is not an object") if {
	some b in values.as_list(blocks)
	not is_object(b)
} else := parse_decoded({"Version": "2012-10-17", "Statement": [_block_statement(b) | some b in values.as_list(blocks)]})

_block_statement(block) := object.union_n([
	{"Effect": _or(object.get(block, "effect", null), "Allow")},
	_sid_part(block),
	_principal_part(block, "principals", "Principal"),
	_principal_part(block, "not_principals", "NotPrincipal"),
	_action_part(block),
	_resource_part(block),
	_condition_part(block),
])

_truthy(v) if not v in _falsy

_or(v, fallback) := v if _truthy(v)
else := fallback

_sid_part(block) := {"Sid": block.sid} if _truthy(object.get(block, "sid", null))
else := {}

_principal_part(block, tf_key, iam_key) := {iam_key: grouped} if {
	pblocks := [b | some b in values.as_list(object.get(block, tf_key, null)); is_object(b)]
	count(pblocks) > 0
	grouped := {k: ids |
		some b in pblocks
		k := _group_key(b)
		ids := [id | some b2 in pblocks; _group_key(b2) == k; some id in _group_ids(b2)]
	}
} else := {}

_group_key(b) := "AWS" if object.get(b, "type", null) == "*"
else := values.text(object.get(b, "type", null))

_group_ids(b) := ["*"] if object.get(b, "type", null) == "*"
else := values.as_list(object.get(b, "identifiers", null))

_action_part(block) := {"NotAction": block.not_actions} if _truthy(object.get(block, "not_actions", null))
else := {"Action": _or(object.get(block, "actions", null), [])}

_resource_part(block) := {"NotResource": block.not_resources} if _truthy(object.get(block, "not_resources", null))
else := {"Resource": block.resources} if _truthy(object.get(block, "resources", null))
else := {}

_condition_part(block) := {"Condition": grouped} if {
	conds := [c | some c in values.as_list(object.get(block, "condition", null)); is_object(c)]
	count(conds) > 0
	grouped := {test: variables |
		some c in conds
		test := values.text(object.get(c, "test", null))
		variables := {variable: vals |
			some c2 in conds
			values.text(object.get(c2, "test", null)) == test
			variable := values.text(object.get(c2, "variable", null))
			vals := [v |
				some c3 in conds
				values.text(object.get(c3, "test", null)) == test
				values.text(object.get(c3, "variable", null)) == variable
				some v in values.as_list(object.get(c3, "values", null))
			]
		}
	}
} else := {}
