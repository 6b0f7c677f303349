using FitCheck.Model;

namespace FitCheck.Rules.Observability;

/// <summary>Functions trace every request with X-Ray.</summary>
public sealed class FunctionsHaveActiveTracing : IFoldedRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC3001",
        Slug: "functions-have-active-tracing",
        Title: "Functions have active X-Ray tracing",
        Section: Section.Observability,
        Severity: Severity.Warning,
        Rationale: "Without active tracing a function only appears in a trace when its caller already sampled the request, " +
                   "so calls started by queues, streams, schedules and S3 never show where the time went or which downstream call failed.",
        Remediation: "Set Tracing: Active on the function (or in Globals.Function); on AWS::Lambda::Function set TracingConfig.Mode: Active.",
        Snippet: """
            Globals:
              Function:
                Tracing: Active
            """,
        Equivalents: ["serverless-rules:WS1000", "cdk-nag:Serverless-LambdaTracing"],
        Pillar: "operational-excellence")
    {
        OncePerTemplate = true,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Serverless] = new(
                "Turn tracing on for every function under provider.tracing.lambda (or tracing: Active on one function).",
                """
                provider:
                  tracing:
                    lambda: true
                """),
            [FixWords.Terraform] = new(
                "Add tracing_config { mode = \"Active\" } to each aws_lambda_function (the role also needs xray:PutTraceSegments, for example through AWSXRayDaemonWriteAccess).",
                """
                resource "aws_lambda_function" "orders" {
                  # ...
                  tracing_config {
                    mode = "Active"
                  }
                }
                """),
        },
    };

    public string Summary(IReadOnlyList<Finding> findings) =>
        $"Tracing is not Active on {findings.Count} functions ({RuleExtensions.NameList(findings.Select(f => f.Resource.LogicalId))}): " +
        "calls started by queues, streams, schedules and S3 are not traced; " + findings.Select(f => f.Resource).ToList().SayOfAll(
            "set Tracing: Active in Globals.Function (or on each function).",
            "set TracingConfig: {Mode: Active} on each AWS::Lambda::Function (Tracing: Active on a SAM function).",
            "add tracing_config { mode = \"Active\" } to each aws_lambda_function.",
            "set provider.tracing.lambda: true (or tracing: Active on each function).");

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>().Where(f => !f.IsCdkInternal()))
        {
            var tracing = function.Tracing;
            if (!tracing.IsKnown || string.Equals(tracing.Value, "Active", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var why = string.Equals(tracing.Value, "PassThrough", StringComparison.OrdinalIgnoreCase)
                ? "PassThrough traces only requests an upstream caller already sampled"
                : "requests are not traced";
            yield return this.Finding(function,
                $"{function.Word("Tracing")} of {function.LogicalId} {tracing.Is(function)}: {why}; " +
                function.Say("set Tracing: Active.", "add tracing_config { mode = \"Active\" }.", "set tracing: Active (or provider.tracing.lambda: true)."),
                tracing.Span);
        }
    }
}
