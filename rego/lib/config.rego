# The perimeter config as data.perimeter (the same perimeter.yaml as the other engines,
# loaded with `conftest --data perimeter.yaml`): the twin of perimeter_checks/config.py.
# Values are compared as text; unquoted YAML account numbers are zero-padded like Python.
package perimeter_checks.lib.config

import rego.v1

import data.perimeter_checks.lib.values

keys := ["org_ids", "org_paths", "account_ids", "trusted_accounts", "vpc_ids", "vpc_endpoint_ids", "cidrs", "regions"]

_account_keys := {"account_ids", "trusted_accounts"}

normalize(body) := object.union(lists, {"configured": configured}) if {
	raw := _body(body)
	lists := {k: [_item(k, x) | some x in _items(object.get(raw, k, null))] | some k in keys}
	configured := count([k | some k in keys; count(lists[k]) > 0]) > 0
}

_body(body) := body if is_object(body)
else := {}

_items(v) := v if is_array(v)
else := [] if v in {null, false, "", 0}
else := [v] if is_string(v)
else := [v] if is_number(v)
else := []

_item(k, x) := values.zero_pad12(x) if {
	k in _account_keys
	is_number(x)
}
else := trim_space(values.text(x))

# The active config: data.perimeter, or presence checks only when it is absent.
current := normalize(body) if {
	body := data.perimeter
} else := normalize({})
