resource "aws_sqs_queue" "many" {
  count = 100000 # expect: FC0005
  name  = "q-${count.index}"
}

module "again" {
  source = "./" # expect: FC0006
}
