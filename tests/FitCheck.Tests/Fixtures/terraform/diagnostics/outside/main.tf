# Files and modules outside the folder being assessed are not read; their values stay unknown.
resource "aws_sfn_state_machine" "escape" {
  name       = "escape"
  role_arn   = "arn:aws:iam::123456789012:role/x"
  definition = file("${path.module}/../../../../secret.json") # expect: FC0008
}

resource "aws_sfn_state_machine" "absolute" {
  name       = "absolute"
  role_arn   = "arn:aws:iam::123456789012:role/x"
  definition = file("/etc/hostname") # expect: FC0008
}

resource "aws_sfn_state_machine" "missing" {
  name       = "missing"
  role_arn   = "arn:aws:iam::123456789012:role/x"
  definition = file("definition.json") # expect: FC0007
}

module "elsewhere" {
  source = "../../../shared-modules/queue" # expect: FC0008
}
