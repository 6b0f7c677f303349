# terraform-aws-modules eventbridge, step-functions and apigateway-v2 (v5 'routes') without 'terraform init':
# modelled from their documented inputs.

resource "aws_iam_role" "worker" {
  name = "orders-worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_lambda_function" "worker" {
  function_name = "orders-worker"
  role          = aws_iam_role.worker.arn
  runtime       = "python3.13"
  handler       = "app.handler"
  filename      = "worker.zip"
  architectures = ["arm64"]
}

resource "aws_sqs_queue" "jobs" {
  name = "orders-jobs"
}

resource "aws_sqs_queue" "failed" {
  name = "orders-failed"
}

module "bus" {
  source  = "terraform-aws-modules/eventbridge/aws"
  version = "~> 4.0"

  bus_name = "orders"

  rules = {
    placed = {
      description   = "Orders placed"
      event_pattern = jsonencode({ source = ["shop.orders"], "detail-type" = ["OrderPlaced"] })
    }
  }

  targets = {
    placed = [
      {
        name            = "process"
        arn             = aws_lambda_function.worker.arn
        dead_letter_arn = aws_sqs_queue.failed.arn
        retry_policy = {
          maximum_event_age_in_seconds = 3600
          maximum_retry_attempts       = 3
        }
      },
      {
        name = "queue"
        arn  = aws_sqs_queue.jobs.arn
      }
    ]
  }

  schedules = {
    nightly = {
      schedule_expression = "cron(0 2 * * ? *)"
      arn                 = aws_lambda_function.worker.arn
    }
  }

  attach_lambda_policy = true
  lambda_target_arns   = [aws_lambda_function.worker.arn]
  attach_sqs_policy    = true
  sqs_target_arns      = [aws_sqs_queue.jobs.arn]
}

module "workflow" {
  source  = "terraform-aws-modules/step-functions/aws"
  version = "~> 5.0"

  name = "orders-flow"
  definition = jsonencode({
    StartAt = "Process"
    States = {
      Process = { Type = "Task", Resource = aws_lambda_function.worker.arn, End = true }
    }
  })

  logging_configuration = {
    include_execution_data = true
    level                  = "ALL"
  }
  cloudwatch_log_group_retention_in_days = 14

  service_integrations = {
    lambda = {
      lambda = [aws_lambda_function.worker.arn]
    }
    xray = {
      xray = true
    }
  }
}

module "api" {
  source  = "terraform-aws-modules/apigateway-v2/aws"
  version = "~> 5.0"

  name               = "orders"
  protocol_type      = "HTTP"
  create_domain_name = false

  authorizers = {
    cognito = {
      authorizer_type  = "JWT"
      identity_sources = ["$request.header.Authorization"]
      jwt_configuration = {
        audience = ["orders-client"]
        issuer   = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_example"
      }
    }
  }

  routes = {
    "POST /orders" = {
      authorization_type = "JWT"
      authorizer_key     = "cognito"
      integration = {
        uri                    = aws_lambda_function.worker.arn
        payload_format_version = "2.0"
      }
    }
    "GET /health" = {
      integration = {
        uri = aws_lambda_function.worker.arn
      }
    }
  }
}
