# An EventBridge target and an SNS subscription send their failures to dead-letter queues that no queue policy opens
# to the service: EventBridge and SNS cannot write there, and the failures are dropped.

resource "aws_cloudwatch_event_rule" "orders" {
  name          = "orders"
  event_pattern = jsonencode({ source = ["shop.orders"] })
}

resource "aws_sns_topic" "orders" {
  name = "orders"
}

resource "aws_sqs_queue" "rule_dlq" {
  name = "orders-rule-dlq"
}

resource "aws_cloudwatch_event_target" "orders" {
  rule = aws_cloudwatch_event_rule.orders.name
  arn  = aws_sns_topic.orders.arn

  dead_letter_config {
    arn = aws_sqs_queue.rule_dlq.arn
  }
}

resource "aws_sqs_queue" "billing" {
  name = "billing"
}

resource "aws_sqs_queue" "billing_dlq" {
  name = "billing-dlq"
}

resource "aws_sns_topic_subscription" "billing" {
  topic_arn = aws_sns_topic.orders.arn
  protocol  = "sqs"
  endpoint  = aws_sqs_queue.billing.arn
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.billing_dlq.arn
  })
}
