# The configuration of plan.json (terraform plan -var stage=prod -out tfplan && terraform show -json tfplan > plan.json).

variable "stage" {
  type = string
}

locals {
  name = "orders-${var.stage}"
}

resource "aws_sqs_queue" "dlq" {
  name = "${local.name}-dlq"
}

resource "aws_sqs_queue" "orders" {
  name                       = local.name
  visibility_timeout_seconds = 5400
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq.arn
    maxReceiveCount     = 5
  })
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
  name               = "${local.name}-worker"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "worker" {
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
      Resource = aws_sqs_queue.orders.arn
    }]
  })
}

resource "aws_lambda_function" "worker" {
  function_name = "${local.name}-worker"
  role          = aws_iam_role.worker.arn
  runtime       = "nodejs22.x"
  handler       = "index.handler"
  filename      = "worker.zip"
  timeout       = 900

  environment {
    variables = {
      ALERTS_TOPIC = module.alerts.topic_arn
    }
  }
}

resource "aws_lambda_event_source_mapping" "orders" {
  event_source_arn = aws_sqs_queue.orders.arn
  function_name    = aws_lambda_function.worker.arn
  batch_size       = 10
}

module "alerts" {
  source = "./modules/alerts"
  name   = local.name
}
