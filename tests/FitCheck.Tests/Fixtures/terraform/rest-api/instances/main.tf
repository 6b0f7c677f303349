# Methods and integrations made with count and for_each: matched instance by instance where the keys agree.

variable "paths" {
  type = list(string)
}

resource "aws_lambda_function" "handler" {
  count         = 2
  function_name = "handler-${count.index}"
  role          = "arn:aws:iam::123456789012:role/handler"
  handler       = "app.handler"
  runtime       = "python3.12"
  filename      = "app.zip"
  timeout       = 5
}

resource "aws_api_gateway_rest_api" "api" {
  name = "api"
}

resource "aws_api_gateway_resource" "item" {
  count       = 2
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "item${count.index}"
}

resource "aws_api_gateway_method" "item" {
  count         = 2
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.item[count.index].id
  http_method   = "POST"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_integration" "item" {
  count                   = 2
  rest_api_id             = aws_api_gateway_rest_api.api.id
  resource_id             = aws_api_gateway_method.item[count.index].resource_id
  http_method             = aws_api_gateway_method.item[count.index].http_method
  integration_http_method = "POST"
  type                    = "AWS_PROXY"
  uri                     = aws_lambda_function.handler[count.index].invoke_arn
}

resource "aws_api_gateway_resource" "dynamic" {
  for_each    = toset(var.paths)
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = each.key
}

# var.paths has no value: the instances are not known, so neither is which method an integration belongs to.
resource "aws_api_gateway_method" "dynamic" {
  for_each      = toset(var.paths)
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.dynamic[each.key].id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_integration" "dynamic" {
  for_each                = toset(var.paths)
  rest_api_id             = aws_api_gateway_rest_api.api.id
  resource_id             = aws_api_gateway_method.dynamic[each.key].resource_id
  http_method             = aws_api_gateway_method.dynamic[each.key].http_method
  integration_http_method = "POST"
  type                    = "AWS_PROXY"
  uri                     = aws_lambda_function.handler[0].invoke_arn
}

# Two integrations for one method (Terraform would fail to apply it): neither is chosen.
resource "aws_api_gateway_method" "twice" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_rest_api.api.root_resource_id
  http_method   = "PATCH"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_integration" "first" {
  rest_api_id             = aws_api_gateway_rest_api.api.id
  resource_id             = aws_api_gateway_rest_api.api.root_resource_id
  http_method             = "PATCH"
  integration_http_method = "POST"
  type                    = "AWS_PROXY"
  uri                     = aws_lambda_function.handler[0].invoke_arn
}

resource "aws_api_gateway_integration" "second" {
  rest_api_id             = aws_api_gateway_rest_api.api.id
  resource_id             = aws_api_gateway_method.twice.resource_id
  http_method             = aws_api_gateway_method.twice.http_method
  integration_http_method = "POST"
  type                    = "AWS_PROXY"
  uri                     = aws_lambda_function.handler[1].invoke_arn
}
