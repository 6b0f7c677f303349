resource "aws_cloudwatch_log_group" "api" {
  name              = "/aws/apigateway/orders"
  retention_in_days = 30
}

resource "aws_apigatewayv2_api" "orders" {
  name          = "orders"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.orders.id
  name        = "$default"
  auto_deploy = true

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api.arn
    format          = jsonencode({ requestId = "$context.requestId" })
  }
}

resource "aws_apigatewayv2_api" "admin" {
  name          = "admin"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "admin" {
  api_id      = aws_apigatewayv2_api.admin.id
  name        = "$default"
  auto_deploy = true
}
