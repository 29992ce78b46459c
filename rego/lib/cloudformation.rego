# CloudFormation input (JSON long form, and YAML as conftest parses it): the twin of
# perimeter_checks/policy/cloudformation.py and perimeter_checks/sources/cloudformation.py.
#
# conftest's YAML parser drops short tags: `!Ref OrgId` arrives as "OrgId",
# `!GetAtt Role.Arn` as "Role.Arn", `!Sub "...${AWS::AccountId}..."` as the plain string.
# Unless the file is JSON (data.conftest.file.name ends in .json), a string that names a
# Parameter, a pseudo parameter or a resource of the template, or that holds ${...}, is
# resolved as the tag would have been. !Join/!Select/!If/!ImportValue cannot be told apart
# from plain lists or strings once the tag is gone: such values stay as written.
package perimeter_checks.lib.cloudformation

import rego.v1

import data.perimeter_checks.lib.values

is_template if is_object(input.Resources)

_short_tags_dropped if not endswith(lower(data.conftest.file.name), ".json")

context := {
	"parameters": _object_or_empty(object.get(input, "Parameters", {})),
	"resources": {id | some id, _ in input.Resources},
	"short": _short_flag,
}

_short_flag := true if _short_tags_dropped
else := false

_object_or_empty(v) := v if is_object(v)
else := {}

object_or_empty(v) := _object_or_empty(v)

handled := {"Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::Select", "Fn::If"}

novalue := {"__novalue__": true}

is_novalue(x) if {
	is_object(x)
	x.__novalue__ == true
}

intrinsic_key(v) := k if {
	keys := [key | some key, _ in v; not startswith(key, "__")]
	count(keys) == 1
	k := keys[0]
	_is_intrinsic_name(k)
}

_is_intrinsic_name("Ref")

_is_intrinsic_name(k) if startswith(k, "Fn::")

stack_resource(reference) := concat("", ["${AWS::StackResource:", reference, "}"])

_pseudo_keep := {"AWS::AccountId", "AWS::Region", "AWS::StackName", "AWS::StackId", "AWS::URLSuffix"}

_pseudo := _pseudo_keep | {"AWS::Partition", "AWS::NoValue", "AWS::NotificationARNs"}

ref(arg, ctx) := _ref_name(values.text(arg), ctx)

_ref_name(name, ctx) := novalue if name == "AWS::NoValue"
else := "aws" if name == "AWS::Partition"
else := concat("", ["${", name, "}"]) if name in _pseudo_keep
else := stack_resource(name) if name in ctx.resources
else := d if d := _parameter_default(name, ctx.parameters)
else := concat("", ["${", name, "}"])

_parameter_default(name, parameters) := d if {
	spec := parameters[name]
	is_object(spec)
	default_value := spec.Default
	default_value != null
	d := _typed_default(default_value, values.text(object.get(spec, "Type", "")))
}

_typed_default(default_value, type_name) := [trim_space(p) | some p in split(default_value, ",")] if {
	_list_type(type_name)
	is_string(default_value)
} else := default_value

_list_type(t) if startswith(t, "CommaDelimitedList")

_list_type(t) if startswith(t, "List<")

getatt(arg) := stack_resource(concat(".", [values.text(p) | some p in arg])) if is_array(arg)
else := stack_resource(values.text(arg))

_sub_pattern := `\$\{(!?)([^}]*)\}`

sub(template, variables, ctx) := concat("", [piece |
	parts := regex.split(_sub_pattern, template)
	matches := regex.find_all_string_submatch_n(_sub_pattern, template, -1)
	some i, part in parts
	piece := _sub_piece(i, part, matches, variables, ctx)
])

_sub_piece(i, part, matches, variables, ctx) := concat("", [part, _sub_replace(matches[i], variables, ctx)]) if {
	i < count(matches)
} else := part

_sub_replace(m, variables, ctx) := concat("", ["${", m[2], "}"]) if m[1] == "!"
else := _sub_text(trim_space(m[2]), _sub_value(trim_space(m[2]), variables, ctx))

_sub_value(name, variables, ctx) := variables[name] if name in object.keys(variables)
else := ref(name, ctx) if not contains(name, ".")
else := stack_resource(name)

_sub_text(name, value) := concat("", ["${", name, "}"]) if values.is_unresolved(value)
else := concat("", ["${", name, "}"]) if is_novalue(value)
else := concat(",", [values.text(x) | some x in value]) if is_array(value)
else := values.text(value)

join(separator, parts) := concat(values.text(separator), [values.text(p) | some p in parts]) if {
	is_array(parts)
	every p in parts {
		_joinable(p)
	}
} else := values.unresolved("Fn::Join")

_joinable(p) if is_string(p)

_joinable(p) if is_number(p)

_joinable(p) if is_boolean(p)

select(index, items) := items[i] if {
	is_array(items)
	i := _index(index, count(items))
} else := substring(items, i, 1) if {
	is_string(items)
	i := _index(index, count(items))
} else := values.unresolved("Fn::Select")

_index(index, n) := i if {
	raw := _int(index)
	i := _wrap(raw, n)
	i >= 0
	i < n
}

_wrap(raw, n) := raw + n if raw < 0
else := raw

_int(x) := x if {
	is_number(x)
	x == floor(x)
} else := to_number(trim_space(x)) if {
	is_string(x)
	regex.match(`^\s*[+-]?[0-9]+\s*$`, x)
} else := 1 if x == true
else := 0 if x == false

if_branches(condition_name, a, b) := a if a == b
else := values.unresolved(concat("", ["Fn::If ", values.text(condition_name)]))

# Plain strings: as written in a long-form template; resolved like their tag when tags were dropped.
scalar(v, ctx) := v if not is_string(v)
else := v if not ctx.short
else := ref(v, ctx) if v in object.keys(ctx.parameters)
else := ref(v, ctx) if v in _pseudo
else := stack_resource(v) if v in ctx.resources
else := stack_resource(v) if {
	m := regex.find_all_string_submatch_n(`^([A-Za-z0-9]+)\.([A-Za-z0-9.]+)$`, v, 1)
	count(m) == 1
	m[0][1] in ctx.resources
} else := sub(v, {}, ctx) if contains(v, "${")
else := v

# Resource views: {"framework", "type", "address", "attributes", "documents"}.
views contains view if {
	is_template
	some logical_id, resource in input.Resources
	is_object(resource)
	is_string(resource.Type)
	properties := resolve(_properties(resource), context)
	view := {
		"framework": "cloudformation",
		"type": resource.Type,
		"address": logical_id,
		"attributes": _object_or_empty(properties),
		"documents": null,
	}
}

_properties(resource) := p if {
	p := resource.Properties
	p != null
} else := {}
