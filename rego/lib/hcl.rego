# Raw Terraform (.tf) as conftest's HCL parser delivers it: input.resource.<type>.<name>
# is a list of blocks, and every expression that is not a literal is the string
# "${<source text>}". A `jsonencode(...)` policy therefore cannot be decoded and warns;
# heredoc/quoted JSON decodes; `data.aws_iam_policy_document.<name>.json` is joined to
# input.data.aws_iam_policy_document.<name>[0]. Variables, locals and modules are not
# evaluated: prefer plan JSON (`terraform show -json`) as the Terraform input for conftest.
package perimeter_checks.lib.hcl

import rego.v1

is_hcl if is_object(input.resource)

views contains view if {
	is_hcl
	some type_name, named in input.resource
	some name, blocks in named
	some block in _blocks(blocks)
	view := {
		"framework": "terraform",
		"type": type_name,
		"address": concat(".", [type_name, name]),
		"attributes": block,
		"documents": {"kind": "hcl", "prefix": ""},
	}
}

_blocks(b) := [x | some x in b; is_object(x)] if is_array(b)
else := [b] if is_object(b)
else := []

document_block(_, name) := block if {
	blocks := _blocks(input.data.aws_iam_policy_document[name])
	count(blocks) > 0
	block := blocks[0]
}
