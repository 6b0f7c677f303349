resource "aws_sqs_queue" "broken" {
  name = = "x" # expect: FC0001
}

resource "aws_sqs_queue" "fine" {
  name = "fine"
}
