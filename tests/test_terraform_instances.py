"""count, for_each and dynamic blocks: a resource that certainly does not exist is not judged,
one that may exist is, and the parentheses bc-python-hcl2 drops are honoured."""

import pytest

from perimeter_checks.config import PerimeterConfig
from perimeter_checks.scan import scan
from perimeter_checks.sources.hcl_expressions import UNKNOWN, Evaluator, tokenize

PUBLIC_URL = """
resource "aws_lambda_function_url" "this" {
  count              = {count}
  function_name      = "f"
  authorization_type = "NONE"
}
"""
CHILD = """
variable "create" { default = true }
variable "enable_url" { default = false }
variable "arn" { default = "" }
variable "triggers" { default = {} }
locals {
  create = var.create && true
}
resource "aws_lambda_function_url" "this" {
  count              = local.create && (var.enable_url || var.arn != "") ? 1 : 0
  function_name      = "f"
  authorization_type = "NONE"
}
resource "aws_lambda_permission" "triggers" {
  for_each               = { for k, v in var.triggers : k => v if local.create }
  function_name          = "f"
  action                 = "lambda:InvokeFunctionUrl"
  principal              = "*"
  function_url_auth_type = "NONE"
}
"""
LAMBDA = """
variable "subnets" { default = null }
resource "aws_lambda_function" "this" {
  function_name = "f"
  role          = "r"
  dynamic "vpc_config" {
    for_each = {for_each}
    content {
      subnet_ids         = ["subnet-1"]
      security_group_ids = ["sg-1"]
    }
  }
}
"""


def findings(root, name="") -> list:
    result = scan([str(root)], PerimeterConfig())
    return sorted(
        (f.rule_id, v.address, f.verdict) for f, v, _ in result.findings if f.rule_id.startswith(f"PERIM_M7_{name}")
    )


def child_module(tmp_path, call: str):
    (tmp_path / "modules" / "fn").mkdir(parents=True)
    (tmp_path / "modules" / "fn" / "main.tf").write_text(CHILD)
    (tmp_path / "main.tf").write_text(call)
    return tmp_path


@pytest.mark.parametrize(
    "expression, expected",
    [
        ("true && (false || true) ? 1 : 0", 1),
        ("false && (true || true) ? 1 : 0", 0),  # hcl2 renders it `false && true || true`, which is 1
        ("var.unknown ? 1 : 0", UNKNOWN),
        ("var.unknown && false ? 1 : 0", 0),
        ("length({ for k, v in { a = 1, b = 2 } : k => v if v > 1 })", 1),
        ("try(var.unknown.x, 3) + 1", UNKNOWN),
        ("try({ a = 1 }.b, 3) * 2 - 1", 5),
        ('coalesce(null, "", "x") == "x" ? [1] : []', [1]),
        ('"${var.x}" == "" ? 1 : 0', UNKNOWN),
    ],
)
def test_expressions_follow_hcl_precedence_and_keep_the_unknown(expression, expected):
    value = Evaluator(lambda root, name: UNKNOWN).evaluate(tokenize(expression))
    assert value is UNKNOWN if expected is UNKNOWN else value == expected


def test_a_literal_count_of_zero_removes_the_resource(tmp_path):
    (tmp_path / "zero.tf").write_text(PUBLIC_URL.replace("{count}", "0").replace('"this"', '"zero"'))
    (tmp_path / "one.tf").write_text(PUBLIC_URL.replace("{count}", "1").replace('"this"', '"one"'))
    assert findings(tmp_path, "LAMBDA_URL") == [("PERIM_M7_LAMBDA_URL_PUBLIC", "aws_lambda_function_url.one", "fail")]


def test_a_root_variable_default_does_not_decide_existence(tmp_path):
    """`terraform plan -var create=true` may override the default: the resource is judged."""
    (tmp_path / "main.tf").write_text(
        'variable "create" { default = false }\n' + PUBLIC_URL.replace("{count}", "var.create ? 1 : 0")
    )
    assert findings(tmp_path, "LAMBDA_URL") == [("PERIM_M7_LAMBDA_URL_PUBLIC", "aws_lambda_function_url.this", "fail")]
    (tmp_path / "terraform.tfvars").write_text("create = false\n")
    assert findings(tmp_path, "LAMBDA_URL") == []


def test_module_arguments_and_child_defaults_decide_count_and_for_each(tmp_path):
    child_module(tmp_path, 'module "off" {\n  source = "./modules/fn"\n}\n'
                           'module "url" {\n  source = "./modules/fn"\n  enable_url = true\n'
                           '  triggers = { a = 1 }\n}\n'
                           'module "disabled" {\n  source = "./modules/fn"\n  create = false\n  enable_url = true\n}\n')
    assert findings(tmp_path, "LAMBDA_URL") == [
        ("PERIM_M7_LAMBDA_URL_PUBLIC", "module.url.aws_lambda_function_url.this", "fail"),
        ("PERIM_M7_LAMBDA_URL_PUBLIC", "module.url.aws_lambda_permission.triggers", "fail"),
    ]


def test_a_module_call_with_count_zero_creates_nothing(tmp_path):
    child_module(tmp_path, 'module "none" {\n  source = "./modules/fn"\n  count = 0\n  enable_url = true\n}\n')
    assert findings(tmp_path, "LAMBDA_URL") == []


@pytest.mark.parametrize(
    "for_each, expected",
    [
        ("[]", [("PERIM_M7_LAMBDA_OUTSIDE_VPC", "aws_lambda_function.this", "fail")]),
        ("var.subnets != null ? [true] : []", [("PERIM_M7_LAMBDA_OUTSIDE_VPC", "aws_lambda_function.this", "warn")]),
        ("[true]", []),
    ],
)
def test_dynamic_blocks_expand_like_terraform(tmp_path, for_each, expected):
    """Empty: the block is absent; known: its content counts; unknown (root variable): a warning."""
    (tmp_path / "main.tf").write_text(LAMBDA.replace("{for_each}", for_each))
    assert findings(tmp_path, "LAMBDA_OUTSIDE") == expected


def test_one_module_under_two_roots_is_judged_in_each_by_every_engine(tmp_path):
    """Same addresses from two example roots stay two findings (the rego input is per root)."""
    (tmp_path / "modules" / "fn").mkdir(parents=True)
    (tmp_path / "modules" / "fn" / "main.tf").write_text(CHILD)
    for root in ("one", "two"):
        (tmp_path / root).mkdir()
        (tmp_path / root / "main.tf").write_text(
            'module "fn" {\n  source = "../modules/fn"\n  enable_url = true\n}\n')
    for engine in ("python", "rego"):
        result = scan([str(tmp_path)], PerimeterConfig(), engine=engine)
        urls = [v.address for f, v, _ in result.findings if f.rule_id == "PERIM_M7_LAMBDA_URL_PUBLIC"]
        assert urls == ["module.fn.aws_lambda_function_url.this"] * 2, engine


def test_unquoted_yaml_dates_reach_every_engine_as_text(tmp_path):
    """CloudFormation reads `Version: 2012-10-17` as text; the rego engine crashed on a date."""
    (tmp_path / "t.yaml").write_text(
        "AWSTemplateFormatVersion: 2010-09-09\nResources:\n  P:\n    Type: AWS::SQS::QueuePolicy\n"
        "    Properties:\n      Queues: [q]\n      PolicyDocument:\n        Version: 2012-10-17\n"
        "        Statement:\n          - {Effect: Allow, Principal: '*', Action: 'sqs:*', Resource: '*'}\n")
    verdicts = {
        engine: [(f.rule_id, f.verdict) for f, _, _ in scan([str(tmp_path)], PerimeterConfig(), engine=engine).findings]
        for engine in ("python", "rego")
    }
    assert verdicts["python"] == verdicts["rego"] and ("PERIM_M3_SQS_POLICY", "fail") in verdicts["python"]


PUBLIC_DOCUMENT = """
data "aws_iam_policy_document" "{name}" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
"""
QUEUE_MODULE = """
variable "policy" { default = null }
variable "create_policy" { default = true }
""" + PUBLIC_DOCUMENT.replace("{name}", "this") + """
resource "aws_sqs_queue_policy" "this" {
  queue_url = "q"
  policy    = var.create_policy ? coalesce(var.policy, data.aws_iam_policy_document.this[0].json) : null
}
"""


def queue_findings(tmp_path, call_body: str, caller_extra: str = "") -> list:
    (tmp_path / "modules" / "queue").mkdir(parents=True)
    (tmp_path / "modules" / "queue" / "main.tf").write_text(QUEUE_MODULE)
    (tmp_path / "main.tf").write_text('module "q" {\n  source = "./modules/queue"\n' + call_body + "}\n" + caller_extra)
    return sorted({(f.rule_id, f.verdict) for f, _, _ in scan([str(tmp_path)], PerimeterConfig()).findings
                   if f.rule_id == "PERIM_M3_SQS_POLICY"})


def test_a_policy_chosen_by_conditional_and_coalesce_is_the_modules_own_document(tmp_path):
    assert queue_findings(tmp_path, "") == [("PERIM_M3_SQS_POLICY", "fail")]


def test_a_policy_that_evaluates_to_null_is_not_set(tmp_path):
    assert queue_findings(tmp_path, "  create_policy = false\n") == []


def test_a_document_passed_as_a_module_argument_is_the_callers(tmp_path):
    """The child has a document of the same name; the caller's must be judged."""
    caller_document = PUBLIC_DOCUMENT.replace("{name}", "this").replace('type        = "*"', 'type        = "AWS"').replace(
        'identifiers = ["*"]', 'identifiers = ["arn:aws:iam::111122223333:root"]')
    argument = "  policy = data.aws_iam_policy_document.this.json\n"
    assert queue_findings(tmp_path, argument, caller_document) == [("PERIM_M3_SQS_POLICY", "warn")]
