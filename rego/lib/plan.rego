# Terraform plan JSON (`terraform show -json`): the twin of perimeter_checks/sources/plan.py.
#
# Managed resources come from planned_values (root and nested child_modules, found with
# walk, which is linear in the plan size) merged with resource_changes[].change.after.
# An attribute that after_unknown marks unknown and that `configuration` sets is
# "known after apply": it becomes the data.aws_iam_policy_document.<name>.json reference
# it was built from (resolved from the data source's planned values), or an unresolved
# value, so the rules warn instead of passing. Unknown attributes absent from
# configuration were not set (e.g. a computed default policy) and are left out.
package perimeter_checks.lib.plan

import rego.v1

import data.perimeter_checks.lib.values

is_plan if {
	_has_plan_body
	_has_version
}

_has_plan_body if input.planned_values

_has_plan_body if input.resource_changes

_has_version if input.format_version

_has_version if input.terraform_version

strip_index(address) := regex.replace(address, `\[[^\]]*\]`, "")

# [node] for every resource of a planned_values-style module tree.
_module_resources(root) := [node |
	walk(root, [path, node])
	n := count(path)
	n >= 2
	n % 2 == 0
	path[n - 2] == "resources"
	every k, seg in path {
		_child_modules_step(k, seg, n)
	}
	is_object(node)
]

_child_modules_step(k, _, n) if k >= n - 2

_child_modules_step(k, _, n) if {
	k < n - 2
	k % 2 == 1
}

_child_modules_step(k, seg, n) if {
	k < n - 2
	k % 2 == 0
	seg == "child_modules"
}

_planned := _module_resources(object.get(input, ["planned_values", "root_module"], {}))

_prior := _module_resources(object.get(input, ["prior_state", "values", "root_module"], {}))

_after := {c.address: object.get(c, ["change", "after"], null) |
	some c in object.get(input, "resource_changes", [])
	is_object(c)
	is_string(c.address)
}

# configuration: stripped address (module.<name>. prefixes) -> expressions
_expressions := {key: object.get(node, "expressions", {}) |
	walk(object.get(input, ["configuration", "root_module"], {}), [path, node])
	n := count(path)
	n >= 2
	(n - 2) % 3 == 0
	path[n - 2] == "resources"
	is_object(node)
	object.get(node, "mode", "managed") == "managed"
	_module_call_path(path, n)
	prefix := concat("", [sprintf("module.%v.", [seg]) | some i, seg in path; i < n - 2; i % 3 == 1])
	key := concat("", [prefix, values.text(node.address)])
}

_module_call_path(path, n) if {
	every i, seg in path {
		_call_step(i, seg, n)
	}
}

_call_step(i, _, n) if i >= n - 2

_call_step(i, _, n) if {
	i < n - 2
	i % 3 == 1
}

_call_step(i, seg, n) if {
	i < n - 2
	i % 3 == 0
	seg == "module_calls"
}

_call_step(i, seg, n) if {
	i < n - 2
	i % 3 == 2
	seg == "module"
}

# address -> attribute -> placeholder, for attributes configured but known only after apply
_unknown := {c.address: attrs |
	some c in object.get(input, "resource_changes", [])
	is_object(c)
	object.get(c, "mode", "managed") == "managed"
	after_unknown := object.get(c, ["change", "after_unknown"], null)
	is_object(after_unknown)
	configured := object.get(_expressions, strip_index(values.text(c.address)), {})
	attrs := {attribute: _placeholder(configured[attribute]) |
		some attribute, is_unknown in after_unknown
		is_unknown == true
		attribute in object.keys(configured)
	}
}

_document_reference := `^data\.aws_iam_policy_document\.[A-Za-z0-9_-]+\.json$`

_placeholder(expression) := ref if {
	refs := _references(expression)
	matching := [r | some r in refs; is_string(r); regex.match(_document_reference, r)]
	count(matching) > 0
	ref := matching[0]
} else := values.unresolved(sprintf("known after apply (from %s)", [_shown(_references(expression))]))

_references(expression) := refs if {
	is_object(expression)
	refs := expression.references
	is_array(refs)
} else := []

_shown(refs) := "an expression" if count(refs) == 0
else := concat(", ", [values.text(r) | some r in array.slice(refs, 0, 2)])

# stripped address of an aws_iam_policy_document data source -> its values
# (planned values first, then prior_state; the first instance wins)
documents := {key: object.get(_document_nodes[min(positions)], "values", {}) |
	some key, positions in _document_positions
}

_document_nodes := array.concat(
	[n | some n in _planned; _is_document(n)],
	[n | some n in _prior; _is_document(n)],
)

_is_document(n) if {
	n.mode == "data"
	n.type == "aws_iam_policy_document"
}

# stripped address -> positions of its instances in _document_nodes, grouped in one pass
# (looking each key up in every node would be quadratic).
_document_positions[key] contains position if {
	some position, n in _document_nodes
	key := strip_index(values.text(n.address))
}

_module_prefix(address, type_name, name) := substring(stripped, 0, position) if {
	stripped := strip_index(address)
	position := _last_index(stripped, concat("", [type_name, ".", name]))
	position > 0
} else := ""

_last_index(s, needle) := max(indexof_n(s, needle)) if count(indexof_n(s, needle)) > 0
else := -1

views contains view if {
	is_plan
	some resource in _planned
	object.get(resource, "mode", "managed") == "managed"
	address := values.text(resource.address)
	merged := object.union(_object_or_empty(object.get(resource, "values", {})), _object_or_empty(object.get(_after, address, {})))
	unknown := {k: v | some k, v in object.get(_unknown, address, {}); not k in object.keys(merged)}
	prefix := _module_prefix(address, values.text(resource.type), values.text(resource.name))
	view := {
		"framework": "terraform",
		"type": resource.type,
		"address": address,
		"attributes": object.union(merged, unknown),
		"documents": {"kind": "plan", "prefix": prefix},
	}
}

_object_or_empty(v) := v if is_object(v)
else := {}

# The values of data.aws_iam_policy_document.<name> in the module of `scope`, or undefined.
document_block(scope, name) := documents[concat("", [scope.prefix, "data.aws_iam_policy_document.", name])]
