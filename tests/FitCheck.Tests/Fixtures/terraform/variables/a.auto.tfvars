memory  = 512
timeout = 10
