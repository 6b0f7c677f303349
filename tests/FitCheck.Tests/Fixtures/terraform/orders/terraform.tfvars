stage  = "test"
memory = 512
