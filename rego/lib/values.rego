# Values a static scan cannot always know: the twin of perimeter_checks/policy/values.py.
#
# Python's Unresolved(expression) is the object {"__unresolved__": expression} here.
package perimeter_checks.lib.values

import rego.v1

unresolved(expression) := {"__unresolved__": expression}

is_unresolved(v) if {
	is_object(v)
	is_string(v.__unresolved__)
}

_own_account := `^(?:\$\{)?(?:AWS::AccountId|data\.aws_caller_identity\.[A-Za-z0-9_-]+\.account_id)\}?$`

_bare_reference := `^(?:var|local|module|data|each|count|self|aws_[a-z0-9_]+)\.[A-Za-z0-9_\-\[\]"'.*]+$`

# Python str(): the text of a value (booleans and null as Python writes them).
text(v) := v.__unresolved__ if is_unresolved(v)
else := v if is_string(v)
else := "True" if v == true
else := "False" if v == false
else := "None" if v == null
else := number_text(v) if is_number(v)
else := json.marshal(v)

number_text(n) := format_int(n, 10) if n == floor(n)
else := sprintf("%v", [n])

# 12-digit account text of an integer (Python f"{n:012d}").
zero_pad12(n) := s if {
	digits := format_int(n, 10)
	s := concat("", [substring("000000000000", 0, max([0, 12 - count(digits)])), digits])
}

is_expression(v) if is_unresolved(v)

is_expression(v) if {
	is_string(v)
	contains(v, "${")
}

is_expression(v) if {
	is_string(v)
	regex.match(_bare_reference, trim_space(v))
}

# Checkov renders unresolvable Terraform expressions as their source text: function calls
# and expressions over variables, locals or iterators.
is_expression(v) if {
	is_string(v)
	regex.match(`(?s)^[a-z][a-z0-9_]*\(.*\)$`, trim_space(v))
}

is_expression(v) if {
	is_string(v)
	regex.match(`(?:^|[^\w.\-])(?:var|local|each|count)\.[a-z_]`, trim_space(v))
}

is_expression(null)

has_wildcard(t) if contains(t, "*")

has_wildcard(t) if contains(t, "?")

# Normalize a scalar to the text IAM compares (as_text).
as_text(v) := v if is_unresolved(v)
else := "true" if v == true
else := "false" if v == false
else := unresolved("null") if v == null
else := unresolved(substring(json.marshal(v), 0, 80)) if is_object(v)
else := unresolved(substring(json.marshal(v), 0, 80)) if is_array(v)
else := number_text(v) if is_number(v)
else := v

as_list(v) := [] if v == null
else := v if is_array(v)
else := [v]

# account_of: {"kind": own|account|wildcard|unresolved|invalid, "account": text}
account_of(piece) := {"kind": "unresolved", "account": piece.__unresolved__} if is_unresolved(piece)
else := _account_text(trim_space(text(piece)))

_account_text(t) := {"kind": "own", "account": ""} if regex.match(_own_account, t)
else := {"kind": "account", "account": t} if regex.match(`^[0-9]{12}$`, t)
else := {"kind": "wildcard", "account": t} if t == ""
else := {"kind": "wildcard", "account": t} if {
	has_wildcard(t)
	not contains(t, "${")
}
else := {"kind": "unresolved", "account": t} if is_expression(t)
else := {"kind": "invalid", "account": t}

# account_in_arn: the account of an ARN, or {"kind": "none"} (Python None).
account_in_arn(value) := ref if {
	is_string(value)
	m := regex.find_all_string_submatch_n(`^arn:[^:]*:[^:]*:(?:\$\{[^}]*\}|[^:]*):(\$\{[^}]*\}|[^:]*):`, trim_space(value), 1)
	count(m) == 1
	m[0][1] != ""
	ref := account_of(m[0][1])
} else := {"kind": "none", "account": ""}

iam_principal_account(value) := {"kind": "unresolved", "account": value.__unresolved__} if is_unresolved(value)
else := {"kind": "wildcard", "account": "*"} if trim_space(text(value)) == "*"
else := account_of(m[0][1]) if {
	m := regex.find_all_string_submatch_n(`(?s)^arn:[^:]*:(?:iam|sts)::(\$\{[^}]*\}|[^:]*):(.+)$`, trim_space(text(value)), 1)
	count(m) == 1
}
else := account_of(trim_space(text(value)))

# A resource this configuration or stack creates: it lives in the deploying account.
_own_resource := `^(?:\$\{AWS::StackResource:[^}]+\}|\$?\{?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.(?:arn|id|name|account_id|owner_id)\}?)$`

is_own_resource_reference(v) if {
	is_string(v)
	regex.match(_own_resource, trim_space(v))
}
