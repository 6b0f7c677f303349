# Topic policies: the orders topic lets EventBridge publish only for its rule, and lets another account subscribe with
# no condition; the alerts topic lets EventBridge publish for any account's rule, and lets anyone subscribe.

resource "aws_sns_topic" "orders" {
  name = "orders"
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
}

resource "aws_cloudwatch_event_rule" "orders" {
  name          = "orders"
  event_pattern = jsonencode({ source = ["shop.orders"] })
}

resource "aws_sns_topic_policy" "orders" {
  arn = aws_sns_topic.orders.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "events.amazonaws.com" }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.orders.arn
        Condition = { ArnEquals = { "aws:SourceArn" = aws_cloudwatch_event_rule.orders.arn } }
      },
      {
        Effect    = "Allow"
        Principal = { AWS = "111122223333" }
        Action    = "sns:Subscribe"
        Resource  = aws_sns_topic.orders.arn
      },
    ]
  })
}

resource "aws_sns_topic_policy" "alerts" {
  arn    = aws_sns_topic.alerts.arn
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Service": "events.amazonaws.com" },
      "Action": "sns:Publish",
      "Resource": "${aws_sns_topic.alerts.arn}"
    },
    {
      "Effect": "Allow",
      "Principal": "*",
      "Action": "sns:Subscribe",
      "Resource": "${aws_sns_topic.alerts.arn}"
    }
  ]
}
EOF
}
