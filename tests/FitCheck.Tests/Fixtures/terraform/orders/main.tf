terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "stage" {
  type    = string
  default = "dev"
}

variable "memory" {
  type    = number
  default = 128
}

variable "alarm_email" {
  type = string
}

variable "consumers" {
  type = map(number)
  default = {
    billing  = 30
    shipping = 60
  }
}

locals {
  prefix = "orders-${var.stage}"
  tags = {
    Project = "orders"
    Stage   = var.stage
  }
  handler_names = [for name in keys(var.consumers) : "${local.prefix}-${name}"]
}

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "consume" {
  statement {
    sid       = "Consume"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.orders.arn]
  }
}

resource "aws_sqs_queue" "dlq" {
  name = "${local.prefix}-dlq"
  tags = local.tags
}

resource "aws_sqs_queue" "orders" {
  name                       = "${local.prefix}-queue"
  visibility_timeout_seconds = var.memory > 256 ? 180 : 90
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq.arn
    maxReceiveCount     = 3
  })
  tags = merge(local.tags, { Queue = "orders" })
}

resource "aws_iam_role" "consumer" {
  name               = "${local.prefix}-consumer"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "consume" {
  role   = aws_iam_role.consumer.id
  policy = data.aws_iam_policy_document.consume.json
}

resource "aws_lambda_function" "consumer" {
  for_each      = var.consumers
  function_name = "${local.prefix}-${each.key}"
  role          = aws_iam_role.consumer.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  timeout       = each.value
  memory_size   = var.memory
  filename      = "build/consumer.zip"

  environment {
    variables = {
      QUEUE_URL = aws_sqs_queue.orders.url
      ACCOUNT   = data.aws_caller_identity.current.account_id
    }
  }

  dynamic "tracing_config" {
    for_each = var.stage == "prod" ? ["Active"] : []
    content {
      mode = tracing_config.value
    }
  }
}

resource "aws_lambda_event_source_mapping" "orders" {
  count                   = 2
  event_source_arn        = aws_sqs_queue.orders.arn
  function_name           = aws_lambda_function.consumer["billing"].arn
  batch_size              = count.index == 0 ? 10 : 5
  function_response_types = ["ReportBatchItemFailures"]
}

resource "aws_sfn_state_machine" "flow" {
  name     = "${local.prefix}-flow"
  role_arn = aws_iam_role.consumer.arn
  definition = templatefile("${path.module}/templates/flow.asl.json", {
    billing_arn = aws_lambda_function.consumer["billing"].arn
    retries     = 2
  })
}

resource "aws_sns_topic" "alarms" {
  name = "${local.prefix}-alarms"
}

resource "aws_sns_topic_subscription" "email" {
  count     = var.alarm_email == "" ? 0 : 1
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

module "api" {
  source        = "./modules/api"
  name          = "${local.prefix}-api"
  function_arn  = aws_lambda_function.consumer["shipping"].invoke_arn
  function_name = aws_lambda_function.consumer["shipping"].function_name
}

module "lambda" {
  source        = "terraform-aws-modules/lambda/aws"
  version       = "~> 7.0"
  function_name = "${local.prefix}-registry"
  handler       = "index.handler"
  runtime       = "python3.12"
}

output "api_url" {
  value = module.api.url
}
