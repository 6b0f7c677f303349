using FitCheck.Model;

namespace FitCheck.Rules.Cost;

/// <summary>Functions choose their timeout rather than run with the 3 s default.</summary>
public sealed class FunctionTimeoutIsExplicit : IFoldedRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC5002",
        Slug: "function-timeout-is-explicit",
        Title: "Functions that call something slow set their timeout",
        Section: Section.Cost,
        Severity: Severity.Note,
        Rationale: "The 3 s default times out a function that waits on something slow (model inference, a query, a synchronous call " +
                   "to another function, a Java or .NET cold start): calls fail and are retried, and billed again. fitcheck speaks only when " +
                   "the template shows such a dependency; for a function that only touches DynamoDB or SQS, 3 s is usually enough.",
        Remediation: "Set Timeout on the function (or in Globals) from the slowest downstream call and the caller's own timeout.",
        Snippet: """
            Globals:
              Function:
                Timeout: 10
            """,
        Equivalents: ["serverless-rules:ES1006", "cdk-nag:Serverless-LambdaDefaultTimeout"],
        Pillar: "cost-optimization")
    {
        OncePerTemplate = true,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Serverless] = new(
                "Set timeout under provider (or on the function) from what it calls and what calls it; the framework's default is 6 s.",
                """
                provider:
                  timeout: 10
                """),
            [FixWords.Terraform] = new(
                "Set timeout on the aws_lambda_function from the slowest downstream call and the caller's own timeout.",
                """
                resource "aws_lambda_function" "orders" {
                  # ...
                  timeout = 10
                }
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var function in architecture.OfType<Function>().Where(f => !f.IsCdkInternal()))
        {
            // The 3 s default is a finding only when the template shows something that takes longer than that.
            if (function.TimeoutSeconds.Origin != SettingOrigin.ServiceDefault || SlowDependency(architecture, function) is not { } why)
            {
                continue;
            }

            yield return this.Finding(function,
                $"{function.LogicalId}'s timeout {function.TimeoutSeconds.WithUnit("s", function)} while {why}: a slow answer times the " +
                "function out, and a retried timeout is billed again; set " + function.Word("Timeout") + " from that call and from what calls the function.",
                function.TimeoutSeconds.Span);
        }
    }

    public string Summary(IReadOnlyList<Finding> findings) =>
        $"{findings.Count} functions keep the default 3 s timeout in front of a slow call ({RuleExtensions.NameList(findings.Select(f => f.Resource.LogicalId))}); " +
        findings[0].Resource.Say("set Timeout on each from what it calls.", "set timeout on each aws_lambda_function from what it calls.", "set timeout on each (or under provider) from what it calls.");

    // Services whose calls commonly take seconds: model inference, document and media analysis, queries, synchronous workflows.
    private static readonly string[] SlowServices =
        ["bedrock:", "sagemaker:InvokeEndpoint", "textract:", "transcribe:", "rekognition:", "comprehend:", "translate:", "polly:",
         "athena:", "redshift-data:", "rds-data:", "glue:", "states:StartSyncExecution", "lambda:InvokeFunction", "execute-api:Invoke"];

    /// <summary>What the template shows that takes longer than 3 s; null when nothing does.</summary>
    internal static string? SlowDependency(Architecture architecture, Function function)
    {
        if (FunctionMemoryIsExplicit.StartsAVirtualMachine(function) is { } runtime)
        {
            return $"it runs on {runtime}, whose cold start alone can take longer";
        }

        if (function.FileSystemMounts > 0)
        {
            return "it mounts a file system";
        }

        var grants = architecture.GrantsOf(function)
            .Concat(function.ExecutionRole?.Target is { } role ? architecture.GrantsOf(role) : []);
        foreach (var grant in grants.Where(g => g.IsAllow && !g.IsManagedPolicy))
        {
            if (grant.Actions.FirstOrDefault(a => SlowServices.Any(s => a.Trim().StartsWith(s, StringComparison.OrdinalIgnoreCase))) is { } action)
            {
                return $"it may call {action.Trim()}";
            }
        }

        return architecture.FlowsFrom(function).FirstOrDefault(f => f.Kind == FlowKind.Invokes && f.To is Function) is { } call
            ? $"it may call {call.To.LogicalId} synchronously"
            : null;
    }
}
