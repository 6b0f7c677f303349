using FitCheck.Model;

namespace FitCheck.Rules.Observability;

/// <summary>A template that deploys functions also deploys a dashboard for them.</summary>
public sealed class TemplatesWithFunctionsHaveDashboard : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC3017",
        Slug: "templates-with-functions-have-dashboard",
        Title: "Templates that deploy functions also deploy a dashboard",
        Section: Section.Observability,
        Severity: Severity.Note,
        Rationale: "A dashboard deployed with the stack shows the application's invocations, errors, latency and backlogs in one place, " +
                   "and changes with the code; one built by hand drifts from what is deployed.",
        Remediation: "Add an AWS::CloudWatch::Dashboard to the template, or enable CloudWatch Application Signals / Application Insights.",
        Snippet: """
            ServiceDashboard:
              Type: AWS::CloudWatch::Dashboard
              Properties:
                DashboardBody: !Sub |
                  {"widgets":[{"type":"metric","properties":{"region":"${AWS::Region}","title":"Errors",
                    "metrics":[["AWS/Lambda","Errors","FunctionName","${OrdersFunction}"]]}}]}
            """,
        Equivalents: [],
        Pillar: "operational-excellence")
    {
        // Most templates are one part of a system whose dashboard lives elsewhere: advice to ask for, not a finding by default.
        EnabledByDefault = false,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Add an aws_cloudwatch_dashboard to the module, or enable CloudWatch Application Signals / Application Insights.",
                """
                resource "aws_cloudwatch_dashboard" "service" {
                  dashboard_name = "orders"
                  dashboard_body = jsonencode({
                    widgets = [{
                      type = "metric"
                      properties = {
                        title   = "Errors"
                        region  = "us-east-1"
                        metrics = [["AWS/Lambda", "Errors", "FunctionName", aws_lambda_function.orders.function_name]]
                      }
                    }]
                  })
                }
                """),
            [FixWords.Serverless] = new(
                "Add an AWS::CloudWatch::Dashboard under resources.Resources, or enable CloudWatch Application Signals / Application Insights.",
                """
                resources:
                  Resources:
                    ServiceDashboard:
                      Type: AWS::CloudWatch::Dashboard
                      Properties:
                        DashboardBody: !Sub |
                          {"widgets":[{"type":"metric","properties":{"region":"${AWS::Region}","title":"Errors",
                            "metrics":[["AWS/Lambda","Errors","FunctionName","${OrdersLambdaFunction}"]]}}]}
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        var functions = architecture.OfType<Function>().Where(f => !f.IsCdkInternal()).ToList();
        if (functions.Count == 0 || architecture.Components.Any(c => c.Kind == ComponentKind.Dashboard))
        {
            yield break;
        }

        yield return this.Finding(functions[0],
            $"The template deploys {functions.Count} function{(functions.Count == 1 ? "" : "s")} and no CloudWatch dashboard.");
    }
}
