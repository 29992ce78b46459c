# Lambda function permissions and layer version permissions (flat arguments).
variable "org_id" {
  type    = string
  default = "o-a1b2c3d4e5"
}

resource "aws_lambda_function" "main" {
  vpc_config {
    subnet_ids         = ["subnet-0a1b2c3d"]
    security_group_ids = ["sg-0a1b2c3d"]
  }
  function_name = "example"
  role          = "arn:aws:iam::111111111111:role/example-lambda"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "function.zip"
}

# Principal "*" restricted by principal_org_id: compliant (Checkov's CKV_AWS_301 flags it anyway).
resource "aws_lambda_permission" "good_org_principal_star" {
  statement_id     = "OrgInvoke"
  action           = "lambda:InvokeFunction"
  function_name    = aws_lambda_function.main.function_name
  principal        = "*"
  principal_org_id = var.org_id
}

resource "aws_lambda_permission" "bad_principal_star" {
  statement_id  = "PublicInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.main.function_name
  principal     = "*"
}

resource "aws_lambda_permission" "bad_foreign_principal_org_id" {
  statement_id     = "ForeignOrgInvoke"
  action           = "lambda:InvokeFunction"
  function_name    = aws_lambda_function.main.function_name
  principal        = "*"
  principal_org_id = "o-zzzzzzzzzz"
}

resource "aws_lambda_permission" "good_own_account" {
  statement_id  = "OwnAccount"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.main.function_name
  principal     = "222222222222"
}

resource "aws_lambda_permission" "bad_foreign_account" {
  statement_id  = "ForeignAccount"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.main.function_name
  principal     = "arn:aws:iam::444455556666:root"
}

resource "aws_lambda_permission" "good_service_source_account" {
  statement_id   = "S3Invoke"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.main.function_name
  principal      = "s3.amazonaws.com"
  source_arn     = "arn:aws:s3:::example-data-bucket"
  source_account = "111111111111"
}

resource "aws_lambda_permission" "bad_service_no_source" {
  statement_id  = "SnsInvokeAnyTopic"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.main.function_name
  principal     = "sns.amazonaws.com"
}

resource "aws_lambda_layer_version" "main" {
  layer_name = "example"
  filename   = "layer.zip"
}

resource "aws_lambda_layer_version_permission" "good_layer_org" {
  layer_name      = aws_lambda_layer_version.main.layer_arn
  version_number  = aws_lambda_layer_version.main.version
  statement_id    = "org"
  action          = "lambda:GetLayerVersion"
  principal       = "*"
  organization_id = "o-a1b2c3d4e5"
}

resource "aws_lambda_layer_version_permission" "good_layer_own_account" {
  layer_name     = aws_lambda_layer_version.main.layer_arn
  version_number = aws_lambda_layer_version.main.version
  statement_id   = "own"
  action         = "lambda:GetLayerVersion"
  principal      = "111111111111"
}

resource "aws_lambda_layer_version_permission" "bad_layer_public" {
  layer_name     = aws_lambda_layer_version.main.layer_arn
  version_number = aws_lambda_layer_version.main.version
  statement_id   = "public"
  action         = "lambda:GetLayerVersion"
  principal      = "*"
}

resource "aws_lambda_layer_version_permission" "bad_layer_foreign_account" {
  layer_name     = aws_lambda_layer_version.main.layer_arn
  version_number = aws_lambda_layer_version.main.version
  statement_id   = "foreign"
  action         = "lambda:GetLayerVersion"
  principal      = "444455556666"
}
