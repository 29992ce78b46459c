# Child module: every policy comes from a data document of this module.
variable "org_id" {
  type = string
}

resource "aws_sqs_queue" "main" {
  name = "module-queue"
}

data "aws_iam_policy_document" "org_only" {
  statement {
    sid       = "OrgSend"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.main.arn]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = [var.org_id]
    }
  }
}

data "aws_iam_policy_document" "public" {
  statement {
    sid       = "PublicSend"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.main.arn]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_sqs_queue_policy" "good_module_data_document" {
  queue_url = aws_sqs_queue.main.id
  policy    = data.aws_iam_policy_document.org_only.json
}

resource "aws_sqs_queue_policy" "bad_module_data_document" {
  queue_url = aws_sqs_queue.main.id
  policy    = data.aws_iam_policy_document.public.json
}
