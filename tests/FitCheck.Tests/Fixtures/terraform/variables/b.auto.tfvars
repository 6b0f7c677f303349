timeout = 20
