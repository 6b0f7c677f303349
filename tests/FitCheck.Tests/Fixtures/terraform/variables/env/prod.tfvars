stage   = "prod"
timeout = 900
