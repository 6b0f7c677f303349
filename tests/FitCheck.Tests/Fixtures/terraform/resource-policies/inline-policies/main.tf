# Resource policies written inline, in the policy argument of the queue and of the topic: the dead-letter queue lets
# EventBridge send for its rule; the topic lets anyone publish.

resource "aws_cloudwatch_event_rule" "orders" {
  name          = "orders"
  event_pattern = jsonencode({ source = ["shop.orders"] })
}

resource "aws_sns_topic" "orders" {
  name = "orders"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "sns:Publish"
        Resource  = "*"
      },
    ]
  })
}

resource "aws_sqs_queue" "rule_dlq" {
  name = "orders-rule-dlq"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "events.amazonaws.com" }
        Action    = "sqs:SendMessage"
        Resource  = "*"
        Condition = { ArnEquals = { "aws:SourceArn" = aws_cloudwatch_event_rule.orders.arn } }
      },
    ]
  })
}

resource "aws_cloudwatch_event_target" "orders" {
  rule = aws_cloudwatch_event_rule.orders.name
  arn  = aws_sns_topic.orders.arn

  dead_letter_config {
    arn = aws_sqs_queue.rule_dlq.arn
  }
}
