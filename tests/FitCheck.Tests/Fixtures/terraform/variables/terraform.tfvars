stage  = "test"
memory = 256
