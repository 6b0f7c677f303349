using FitCheck.Model;
using FitCheck.Templates.Scanning;

namespace FitCheck.Tests.Terraform;

/// <summary><c>destination_arn</c> means three things in the AWS provider; each lands in its CloudFormation twin's
/// own property: an event source mapping's on-failure <c>Destination</c>, a stage's access-log <c>DestinationArn</c>, a
/// log subscription filter's <c>DestinationArn</c>.</summary>
public sealed class TerraformDestinationTests
{
    private const string Configuration = """
        resource "aws_iam_role" "fn" {
          name               = "fn"
          assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })
        }

        resource "aws_lambda_function" "fn" {
          function_name = "fn"
          role          = aws_iam_role.fn.arn
          runtime       = "python3.13"
          handler       = "app.handler"
          filename      = "fn.zip"
        }

        resource "aws_kinesis_stream" "clicks" {
          name        = "clicks"
          shard_count = 1
        }

        resource "aws_sqs_queue" "failed" {
          name = "failed"
        }

        resource "aws_lambda_event_source_mapping" "clicks" {
          event_source_arn  = aws_kinesis_stream.clicks.arn
          function_name     = aws_lambda_function.fn.arn
          starting_position = "LATEST"

          destination_config {
            on_failure {
              destination_arn = aws_sqs_queue.failed.arn
            }
          }
        }

        resource "aws_cloudwatch_log_group" "access" {
          name              = "/aws/apigateway/clicks"
          retention_in_days = 30
        }

        resource "aws_apigatewayv2_api" "http" {
          name          = "clicks"
          protocol_type = "HTTP"
        }

        resource "aws_apigatewayv2_stage" "default" {
          api_id      = aws_apigatewayv2_api.http.id
          name        = "$default"
          auto_deploy = true

          access_log_settings {
            destination_arn = aws_cloudwatch_log_group.access.arn
            format          = "$context.requestId $context.status"
          }
        }

        resource "aws_cloudwatch_log_subscription_filter" "errors" {
          name            = "errors"
          log_group_name  = aws_cloudwatch_log_group.access.name
          filter_pattern  = "ERROR"
          destination_arn = aws_lambda_function.fn.arn
        }
        """;

    [Fact]
    public void Each_destination_arn_reaches_its_target()
    {
        var folder = Directory.CreateTempSubdirectory("fitcheck-tf-destination");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "main.tf"), Configuration);
            var architecture = Assert.Single(Scanner.Scan([folder.FullName]).Architectures);

            Assert.Contains(architecture.Flows, f => f.To.LogicalId == "aws_sqs_queue.failed" && f.Kind == FlowKind.OnFailure);
            var api = Assert.IsType<Api>(architecture.Components.Single(c => c.LogicalId == "aws_apigatewayv2_api.http"));
            Assert.Equal("aws_cloudwatch_log_group.access", api.AccessLog?.Destination?.Target?.LogicalId);
            Assert.Contains(architecture.Flows, f => f.From.LogicalId == "aws_cloudwatch_log_group.access" && f.To.LogicalId == "aws_lambda_function.fn" && f.Kind == FlowKind.Triggers);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
