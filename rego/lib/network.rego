# Checks on resource attributes rather than on a policy document: the twin of
# perimeter_checks/rules/network.py. The specs are the catalog's `targets` (see
# catalog.yaml); each check returns a set of issues {"verdict", "message"}.
#
# Values: booleans or their text in any case; an expression (`${...}`, a bare Terraform
# reference, an unresolved CloudFormation intrinsic, a plan value known after apply) is
# unresolved and warns. Rego has no recursion: attribute paths are walked to 6 segments
# and nested lists flattened to 3 levels (deeper values count as unresolved).
package perimeter_checks.lib.network

import rego.v1

import data.perimeter_checks.lib.cloudformation
import data.perimeter_checks.lib.findings
import data.perimeter_checks.lib.plan
import data.perimeter_checks.lib.values

resource_checks := {"endpoint_without_policy", "exposure", "internet_route"}

check("exposure", view, spec) := {issue |
	some clause in spec
	some issue in clause_issues(view.attributes, clause)
}

check("internet_route", view, spec) := internet_route(view, spec)

check("endpoint_without_policy", view, spec) := endpoint_without_policy(view, spec)

_fail(message) := {"verdict": "fail", "message": message}

_warn(message) := {"verdict": "warn", "message": message}

# ---------------------------------------------------------------- values

# {"kind": "absent" | "unresolved" | "text", "text"}
norm(v) := {"kind": "absent"} if _empty(v)
else := {"kind": "text", "text": "true"} if v == true
else := {"kind": "text", "text": "false"} if v == false
else := {"kind": "text", "text": values.number_text(v)} if is_number(v)
else := {"kind": "unresolved"} if {
	is_string(v)
	values.is_expression(v)
} else := {"kind": "text", "text": lower(trim_space(v))} if is_string(v)
else := {"kind": "unresolved"}

_empty(null)

_empty("")

_empty([])

_empty({})

_items(v) := v if is_array(v)
else := [v]

_pick(item, key) := item[key] if {
	is_object(item)
	not values.is_unresolved(item)
	key in object.keys(item)
} else := values.unresolved(concat("", [key, _of_opaque_block])) if _opaque(item)

# Marks a value read through a block that is itself an expression (values_at).
_of_opaque_block := " of an expression"

_through_opaque_block(v) if {
	values.is_unresolved(v)
	endswith(v.__unresolved__, _of_opaque_block)
}

_opaque(item) if values.is_unresolved(item)

_opaque(item) if {
	not is_object(item)
	norm(item).kind != "absent"
}

_step(level, segment) := [x |
	key := trim_suffix(segment, "[]")
	some value in level
	some item in _items(value)
	x := _pick(item, key)
]

_walk(attributes, segments) := l if {
	count(segments) == 1
	l := _step([attributes], segments[0])
} else := l if {
	count(segments) == 2
	l := _step(_step([attributes], segments[0]), segments[1])
} else := l if {
	count(segments) == 3
	l := _step(_step(_step([attributes], segments[0]), segments[1]), segments[2])
} else := l if {
	count(segments) == 4
	l := _step(_step(_step(_step([attributes], segments[0]), segments[1]), segments[2]), segments[3])
} else := l if {
	count(segments) == 5
	l := _step(_step(_step(_step(_step([attributes], segments[0]), segments[1]), segments[2]), segments[3]), segments[4])
} else := l if {
	count(segments) == 6
	l := _step(_step(_step(_step(_step(_step([attributes], segments[0]), segments[1]), segments[2]), segments[3]), segments[4]), segments[5])
}

_leaf(v) := [] if norm(v).kind == "absent"
else := [v]

_flat3(v) := [y | some a in v; some y in _leaf(a)] if is_array(v)
else := _leaf(v)

_flat2(v) := [y | some a in v; some y in _flat3(a)] if is_array(v)
else := _leaf(v)

_flat1(v) := [y | some a in v; some y in _flat2(a)] if is_array(v)
else := _leaf(v)

# The scalar values at an attribute path ("a.b", "a[].b"); lists are flattened.
values_at(attributes, path) := [x | some v in _walk(attributes, split(path, ".")); some x in _flat1(v)]

_open_cidr(text) if regex.match(`^[0-9a-f:.]+/0$`, text)

_texts(vs) := [norm(v) | some v in vs]

_wanted(allowed) := {n.text | some a in allowed; n := norm(a); n.kind == "text"}

# "true" when a value is one of `allowed`, "unknown" when only unresolved values could say.
_matches(texts, allowed) := "true" if {
	some t in texts
	t.kind == "text"
	t.text in _wanted(allowed)
} else := "unknown" if {
	some t in texts
	t.kind == "unresolved"
} else := "false"

_gate_texts(attributes, gate) := ts if {
	ts := _texts(values_at(attributes, gate.path))
	count(ts) > 0
} else := [norm(gate["default"])] if "default" in object.keys(gate)
else := []

# "apply", "skip" or "unknown" for one gate (when / unless) of a clause.
_gate_state(attributes, clause, name) := "apply" if not name in object.keys(clause)
else := _gate_outcome(name, _matches(_gate_texts(attributes, clause[name]), clause[name]["in"]))

_gate_outcome(name, matched) := "unknown" if matched == "unknown"
else := "skip" if {
	name == "when"
	matched == "false"
} else := "skip" if {
	name == "unless"
	matched == "true"
} else := "apply"

_exposed(clause, text) if {
	object.get(clause, "open_cidr", false) == true
	_open_cidr(text)
}

_exposed(clause, text) if {
	object.get(clause, "open_cidr", false) != true
	"public" in object.keys(clause)
	text in _wanted(clause.public)
}

_exposed(clause, text) if {
	object.get(clause, "open_cidr", false) != true
	not "public" in object.keys(clause)
	"private" in object.keys(clause)
	not text in _wanted(clause.private)
}

_suffix(clause) := sprintf(" (%s)", [clause.note]) if "note" in object.keys(clause)
else := ""

# Issues of one exposure clause (at most one): the twin of network.clause_issues.
clause_issues(attributes, clause) := set() if {
	"if_present" in object.keys(clause)
	count(values_at(attributes, clause.if_present)) == 0
} else := _gated(attributes, clause, _gate_state(attributes, clause, "when"), _gate_state(attributes, clause, "unless"))

# Each gate's state is computed once and passed in: the when gate decides first.
_gated(_, clause, "unknown", _) := {_warn(sprintf("%s cannot be resolved statically, so %s cannot be judged", [clause.when.path, clause.path]))}

_gated(_, _, "skip", _) := set()

_gated(_, clause, "apply", "unknown") := {_warn(sprintf("%s cannot be resolved statically, so %s cannot be judged", [clause.unless.path, clause.path]))}

_gated(_, _, "apply", "skip") := set()

_gated(attributes, clause, "apply", "apply") := _judged(attributes, clause, values_at(attributes, clause.path))

_judged(_, clause, vs) := {_fail(sprintf("%s is not set%s", [clause.path, _suffix(clause)]))} if {
	object.get(clause, "required", false) == true
	count(vs) == 0
} else := {_warn(sprintf("%s cannot be resolved statically%s", [clause.path, _suffix(clause)]))} if {
	# a block that is an expression (a dynamic block with an unknown for_each) may be absent
	object.get(clause, "required", false) == true
	every v in vs { _through_opaque_block(v) }
} else := set() if {
	object.get(clause, "required", false) == true
} else := {_fail(sprintf("%s is set%s", [clause.path, _suffix(clause)]))} if {
	object.get(clause, "present", false) == true
	some v in vs
	norm(v).kind != "unresolved"
} else := {_warn(sprintf("%s cannot be resolved statically%s", [clause.path, _suffix(clause)]))} if {
	object.get(clause, "present", false) == true
	count(vs) > 0
} else := set() if {
	object.get(clause, "present", false) == true
} else := set() if {
	count(vs) == 0
	not "default" in object.keys(clause)
} else := {_warn(sprintf("%s is not set%s", [clause.path, _suffix(clause)]))} if {
	count(vs) == 0
	clause["default"] == "unknown"
} else := _switch(clause, [clause["default"]], true) if {
	count(vs) == 0
} else := _switch(clause, vs, false)

_switch(clause, vs, defaulted) := {_fail(sprintf("%s %s%s", [clause.path, _shown(clause, exposed[0], defaulted), _suffix(clause)]))} if {
	exposed := [t.text | some t in _texts(vs); t.kind == "text"; _exposed(clause, t.text)]
	count(exposed) > 0
} else := {_warn(sprintf("%s cannot be resolved statically%s", [clause.path, _suffix(clause)]))} if {
	some t in _texts(vs)
	t.kind == "unresolved"
} else := set()

_shown(clause, _, true) := sprintf("is not set (default %s)", [_default_text(clause["default"])])

_shown(_, text, false) := sprintf("= %s", [text])

_default_text(v) := "true" if v == true
else := "false" if v == false
else := values.text(v)

# ---------------------------------------------------------------- routes

_internet_gateway_types := {"aws_internet_gateway", "AWS::EC2::InternetGateway"}

_ref_text(v) := v.__unresolved__ if values.is_unresolved(v)
else := v if is_string(v)
else := ""

# The resource type a value refers to (Terraform reference or CloudFormation resource).
reference_type(v, _) := m[0][1] if {
	m := regex.find_all_string_submatch_n(`(?:^|[^\w.\-])(aws_[a-z0-9_]+)\.[\w-]+`, _ref_text(v), 1)
	count(m) == 1
} else := t if {
	m := regex.find_all_string_submatch_n(`\$\{AWS::StackResource:([^}.]+)`, _ref_text(v), 1)
	count(m) == 1
	cloudformation.is_template
	t := input.Resources[m[0][1]].Type
	is_string(t)
}

_gateway_kind(v, _) := "none" if norm(v).kind == "absent"
else := "internet" if {
	n := norm(v)
	n.kind == "text"
	startswith(n.text, "igw-")
} else := "other" if {
	n := norm(v)
	n.kind == "text"
	startswith(n.text, "vgw-")
} else := "other" if norm(v) == {"kind": "text", "text": "local"}
else := "internet" if reference_type(v, null) in _internet_gateway_types
else := "other" if reference_type(v, null)
else := "unknown"

_route_blocks(attributes, spec) := [attributes] if spec.routes == ""
else := raw if {
	raw := object.get(attributes, spec.routes, null)
	is_array(raw)
} else := [] if norm(object.get(attributes, spec.routes, null)).kind == "absent"
else := [object.get(attributes, spec.routes, null)]

_is_block(b) if {
	is_object(b)
	not values.is_unresolved(b)
}

# Routes of 0.0.0.0/0 or ::/0 to an internet, NAT or egress-only internet gateway.
internet_route(view, spec) := {issue |
	some block in _route_blocks(view.attributes, spec)
	some issue in _route_issues(block, spec)
}

_route_issues(block, spec) := {_warn(sprintf("%s cannot be resolved statically", [spec.routes]))} if not _is_block(block)
else := _judge_route(block, spec, _default_destination(block, spec), _unknown_destination(block, spec))

_destinations(block, spec) := [norm(object.get(block, a, null)) | some a in spec.destinations]

_default_destination(block, spec) := d.text if {
	some d in _destinations(block, spec)
	d.kind == "text"
	_open_cidr(d.text)
} else := null

_unknown_destination(block, spec) := true if {
	some d in _destinations(block, spec)
	d.kind == "unresolved"
} else := false

_route_targets(block, spec) := array.concat(
	[a | some a in spec.internet; norm(object.get(block, a, null)).kind != "absent"],
	[a | some a in spec.gateways; _gateway_kind(object.get(block, a, null), null) == "internet"],
)

_unknown_gateway(block, spec) if {
	some a in spec.gateways
	_gateway_kind(object.get(block, a, null), null) == "unknown"
}

_judge_route(block, spec, dflt, unknown) := set() if {
	dflt == null
	unknown == false
} else := {_fail(sprintf("route %s goes to %s (internet access)", [dflt, _route_targets(block, spec)[0]]))} if {
	dflt != null
	count(_route_targets(block, spec)) > 0
} else := {_warn("the route's destination or gateway cannot be resolved statically")} if {
	count(_route_targets(block, spec)) > 0
} else := {_warn("the route's destination or gateway cannot be resolved statically")} if {
	_unknown_gateway(block, spec)
} else := set()

# ---------------------------------------------------------------- VPC endpoints

_no_policy_types := {"gatewayloadbalancer", "resource", "servicenetwork"}

_string_or_empty(v) := v if is_string(v)
else := ""

# A VPC endpoint with no policy gets the default one: full access for any principal.
endpoint_without_policy(view, spec) := set() if {
	lower(_endpoint_type(view)) in _no_policy_types
} else := set() if {
	startswith(_endpoint_service(view), "com.amazonaws.vpce.")
} else := set() if {
	not _empty(object.get(view.attributes, spec, null))
} else := set() if {
	view.framework == "terraform"
	plan.strip_index(view.address) in endpoint_policy_targets
} else := {_fail(sprintf(
	"%s endpoint%s has no endpoint policy: the default policy allows every principal, including identities outside your organization",
	[_endpoint_type(view), _for_service(_endpoint_service(view))],
))}

_endpoint_type(view) := t if {
	t := _string_or_empty(object.get(view.attributes, _type_key(view.framework), null))
	t != ""
} else := "Gateway"

_type_key("terraform") := "vpc_endpoint_type"

_type_key("cloudformation") := "VpcEndpointType"

_endpoint_service(view) := _string_or_empty(object.get(view.attributes, _service_key(view.framework), null))

_service_key("terraform") := "service_name"

_service_key("cloudformation") := "ServiceName"

_for_service("") := ""

_for_service(s) := sprintf(" for %s", [s]) if s != ""

# Endpoint addresses (module path, no instance keys) that an aws_vpc_endpoint_policy refers
# to: from the plan's configuration references, else from the policy resources' attribute
# texts (raw HCL and the scanner's views). One pass over the policy resources: linear.
endpoint_policy_targets := _plan_targets if plan.is_plan
else := _view_targets

_endpoint_reference := `^(aws_vpc_endpoint\.[\w-]+)`

_plan_targets := {key |
	some address, expressions in plan._expressions
	_address_type(address) == "aws_vpc_endpoint_policy"
	walk(expressions, [path, node])
	count(path) >= 2
	path[count(path) - 2] == "references"
	is_string(node)
	m := regex.find_all_string_submatch_n(_endpoint_reference, node, 1)
	count(m) == 1
	key := concat("", [_module_of(address), m[0][1]])
}

_view_reference := `(?:^|[^\w.\-])(aws_vpc_endpoint\.[\w-]+)(?:\[[^\]]*\])?\.\w+`

_view_targets := {key |
	some view in findings.views
	view.framework == "terraform"
	view.type == "aws_vpc_endpoint_policy"
	walk(view.attributes, [path, node])
	not _internal_path(path)
	some text in _texts_of(node)
	some m in regex.find_all_string_submatch_n(_view_reference, text, -1)
	key := concat("", [_module_of(plan.strip_index(view.address)), m[1]])
}

_internal_path(path) if {
	some segment in path
	is_string(segment)
	startswith(segment, "__")
}

_texts_of(node) := [node] if is_string(node)
else := []

_address_type(address) := parts[count(parts) - 2] if {
	parts := split(address, ".")
	count(parts) >= 2
}

_module_of(address) := concat("", [concat(".", array.slice(parts, 0, count(parts) - 2)), "."]) if {
	parts := split(address, ".")
	count(parts) > 2
} else := ""
