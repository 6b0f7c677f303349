# Constructs fitcheck cannot evaluate are diagnostics at their line; the values stay unknown.
stray = 1 # expect: FC0006

widget "x" { # expect: FC0006
}

resource "aws_sqs_queue" "a" {
  name          = var.undeclared # expect: FC0006
  delay_seconds = "a" + 1        # expect: FC0006
  policy        = somefunction(1) # expect: FC0006
}

resource "aws_sqs_queue" "b" {
  count = "many" # expect: FC0006
  name  = aws_sns_topic.nowhere.name # expect: FC0006
}

resource "aws_sqs_queue" "a" { # expect: FC0003
  name = "again"
}
