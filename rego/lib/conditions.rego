# Condition clauses: the twin of perimeter_checks/policy/conditions.py.
#
# A clause is {"operator", "base", "qualifier", "if_exists", "key", "values"}.
# Clauses come in sorted operator/key order (OPA objects have no insertion order).
package perimeter_checks.lib.conditions

import rego.v1

import data.perimeter_checks.lib.values

negated_bases := {
	"stringnotequals", "stringnotequalsignorecase", "stringnotlike", "arnnotequals",
	"arnnotlike", "numericnotequals", "datenotequals", "notipaddress",
}

matching_bases := {"stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"}

negated(c) if c.base in negated_bases

requires_match(c) if {
	c.base in matching_bases
	not c.if_exists
	c.qualifier != "forallvalues"
}

# parse_operator("ForAnyValue:StringLikeIfExists") == ["stringlike", "foranyvalue", true]
parse_operator(operator) := [base, qualifier, if_exists] if {
	t := trim_space(operator)
	parts := split(t, ":")
	qualifier := _qualifier(parts)
	rest := concat(":", array.slice(parts, count(parts) - _rest_len(parts), count(parts)))
	lowered := lower(trim_space(rest))
	if_exists := endswith(lowered, "ifexists")
	base := _strip_ifexists(lowered, if_exists)
}

_qualifier(parts) := lower(trim_space(parts[0])) if count(parts) > 1
else := ""

_rest_len(parts) := count(parts) - 1 if count(parts) > 1
else := 1

_strip_ifexists(lowered, true) := substring(lowered, 0, count(lowered) - 8)

_strip_ifexists(lowered, false) := lowered

_unparsed(raw) := substring(values.text(raw), 0, 80)

parse_conditions(raw) := [] if raw == null
else := [_opaque_clause(_unparsed(raw), "unresolved", "", false)] if values.is_unresolved(raw)
else := [_opaque_clause(_unparsed(raw), "unresolved", "", false)] if not is_object(raw)
else := [c |
	some operator in sort(object.keys(raw))
	is_string(operator)
	not startswith(operator, "__")
	some c in _operator_clauses(operator, raw[operator])
]

_opaque_clause(operator, base, qualifier, if_exists) := {
	"operator": operator,
	"base": base,
	"qualifier": qualifier,
	"if_exists": if_exists,
	"key": "?",
	"values": [values.unresolved(operator)],
}

_operator_clauses(operator, body) := [c] if {
	not is_object(body)
	[base, qualifier, if_exists] := parse_operator(operator)
	c := object.union(
		_opaque_clause(operator, base, qualifier, if_exists),
		{"values": [values.unresolved(substring(values.text(body), 0, 80))]},
	)
}

_operator_clauses(operator, body) := clauses if {
	is_object(body)
	[base, qualifier, if_exists] := parse_operator(operator)
	clauses := [c |
		some key in sort(object.keys(body))
		not startswith(key, "__")
		c := {
			"operator": operator,
			"base": base,
			"qualifier": qualifier,
			"if_exists": if_exists,
			"key": lower(key),
			"values": [values.as_text(v) | some v in _clause_items(body[key])],
		}
	]
}

# Python: a list stays a list, anything else (None included) is one value.
_clause_items(v) := v if is_array(v)
else := [v]

describe(c) := sprintf("%s %s [%s]", [c.operator, c.key, concat(", ", [values.text(v) | some v in c.values])])
