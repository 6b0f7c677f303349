# Variables from every source Terraform reads, in its order of precedence: defaults, terraform.tfvars,
# *.auto.tfvars (lexical order), then -var and -var-file in command-line order.

variable "stage" {
  type    = string
  default = "dev"
}

variable "memory" {
  type    = number
  default = 128
}

variable "timeout" {
  type    = number
  default = 3
}

variable "tracing" {
  type    = bool
  default = false
}

variable "queues" {
  type    = list(string)
  default = ["orders"]
}

variable "tags" {
  type    = map(string)
  default = {}
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "worker" {
  name               = "worker-${var.stage}"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_lambda_function" "worker" {
  function_name = "worker-${var.stage}"
  role          = aws_iam_role.worker.arn
  runtime       = "python3.13"
  handler       = "app.handler"
  filename      = "worker.zip"
  memory_size   = var.memory
  timeout       = var.timeout
  tags          = var.tags

  tracing_config {
    mode = var.tracing ? "Active" : "PassThrough"
  }
}

resource "aws_sqs_queue" "work" {
  for_each = toset(var.queues)
  name     = "${var.stage}-${each.key}"
}
