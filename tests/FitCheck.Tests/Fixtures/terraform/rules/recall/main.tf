variable "partner_secret" {
  type = string
}

resource "aws_sqs_queue" "readings" {
  name = "readings"
}

resource "aws_sqs_queue" "reading_errors" {
  name = "reading-errors"
}

resource "aws_iam_role" "iot" {
  name = "iot"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "iot.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iot_topic_rule" "no_error_action" {
  name        = "readings"
  enabled     = true
  sql         = "SELECT * FROM 'devices/+/readings'"
  sql_version = "2016-03-23"

  sqs {
    queue_url  = aws_sqs_queue.readings.url
    role_arn   = aws_iam_role.iot.arn
    use_base64 = false
  }
}

resource "aws_iot_topic_rule" "with_error_action" {
  name        = "telemetry"
  enabled     = true
  sql         = "SELECT * FROM 'devices/+/telemetry'"
  sql_version = "2016-03-23"

  sqs {
    queue_url  = aws_sqs_queue.readings.url
    role_arn   = aws_iam_role.iot.arn
    use_base64 = false
  }

  error_action {
    sqs {
      queue_url  = aws_sqs_queue.reading_errors.url
      role_arn   = aws_iam_role.iot.arn
      use_base64 = false
    }
  }
}

resource "aws_dynamodb_table" "orders" {
  name             = "orders"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "id"
  stream_enabled   = true
  stream_view_type = "NEW_IMAGE"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_cloudwatch_event_bus" "sink" {
  name = "sink"
}

resource "aws_pipes_pipe" "orders" {
  name     = "orders"
  role_arn = aws_iam_role.iot.arn
  source   = aws_dynamodb_table.orders.stream_arn
  target   = aws_cloudwatch_event_bus.sink.arn

  source_parameters {
    dynamodb_stream_parameters {
      starting_position = "LATEST"
    }
  }
}

resource "aws_pipes_pipe" "orders_bounded" {
  name     = "orders-bounded"
  role_arn = aws_iam_role.iot.arn
  source   = aws_dynamodb_table.orders.stream_arn
  target   = aws_cloudwatch_event_bus.sink.arn

  source_parameters {
    dynamodb_stream_parameters {
      starting_position      = "LATEST"
      maximum_retry_attempts = 5
      dead_letter_config {
        arn = aws_sqs_queue.reading_errors.arn
      }
    }
  }
}

resource "aws_cloudwatch_event_connection" "partner" {
  name               = "partner"
  authorization_type = "API_KEY"
  auth_parameters {
    api_key {
      key   = "x-api-key"
      value = "sk_live_51HxY2eKq9"
    }
  }
}

resource "aws_cognito_user_pool" "users" {
  name = "users"
}

resource "aws_cognito_user_pool_client" "app" {
  name                = "app"
  user_pool_id        = aws_cognito_user_pool.users.id
  explicit_auth_flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
}

resource "aws_appsync_graphql_api" "orders" {
  name                = "orders"
  authentication_type = "API_KEY"
  schema              = "type Query { order(id: ID!): String }\ntype Mutation { placeOrder(item: String!): String }"

  log_config {
    cloudwatch_logs_role_arn = aws_iam_role.iot.arn
    field_log_level          = "ALL"
  }
}

# FC1009: the pipe waits on an Express workflow (up to 300 s) plus a 10 s batching window; the queue hides a batch for 60 s.
resource "aws_sqs_queue" "shipments" {
  name                       = "shipments"
  visibility_timeout_seconds = 60
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.reading_errors.arn
    maxReceiveCount     = 5
  })
}

resource "aws_sfn_state_machine" "ship" {
  name     = "ship"
  type     = "EXPRESS"
  role_arn = aws_iam_role.iot.arn
  definition = jsonencode({
    StartAt = "Done"
    States  = { Done = { Type = "Succeed" } }
  })
}

resource "aws_pipes_pipe" "shipments" {
  name     = "shipments"
  role_arn = aws_iam_role.iot.arn
  source   = aws_sqs_queue.shipments.arn
  target   = aws_sfn_state_machine.ship.arn

  source_parameters {
    sqs_queue_parameters {
      batch_size                         = 10
      maximum_batching_window_in_seconds = 10
    }
  }
}

# The same queue settings, but the pipe starts the workflow and does not wait: clean.
resource "aws_sqs_queue" "returns" {
  name                       = "returns"
  visibility_timeout_seconds = 60
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.reading_errors.arn
    maxReceiveCount     = 5
  })
}

resource "aws_pipes_pipe" "returns" {
  name     = "returns"
  role_arn = aws_iam_role.iot.arn
  source   = aws_sqs_queue.returns.arn
  target   = aws_sfn_state_machine.ship.arn

  target_parameters {
    step_function_state_machine_parameters {
      invocation_type = "FIRE_AND_FORGET"
    }
  }
}
