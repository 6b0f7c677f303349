variable "name" {
  type = string
}

resource "aws_sns_topic" "this" {
  name = "${var.name}-alerts"
}

output "topic_arn" {
  value = aws_sns_topic.this.arn
}
