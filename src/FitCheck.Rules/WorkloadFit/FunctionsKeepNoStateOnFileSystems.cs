using FitCheck.Model;

namespace FitCheck.Rules.WorkloadFit;

/// <summary>Functions that write to a mounted file system keep long-lived local state next to the compute.</summary>
public sealed class FunctionsKeepNoStateOnFileSystems : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC7002",
        Slug: "functions-keep-no-state-on-file-systems",
        Title: "Functions keep state in a store, not on a mounted file system",
        Section: Section.WorkloadFit,
        Severity: Severity.Note,
        Rationale: "A file system the function writes to (EFS, Amazon S3 Files) lets concurrent invocations share files: long-lived local " +
                   "state that needs locking, must sit in a VPC, and scales with the file system's throughput rather than with requests. " +
                   "It is a sign the workload wants a server. A mount the function only reads (models, reference data) is not.",
        Remediation: "Keep state in DynamoDB or S3 keyed by request or entity; if the workload really needs a shared file system, consider containers.",
        Snippet: """
            Worker:
              Type: AWS::Serverless::Function
              Properties:
                Environment:
                  Variables:
                    STATE_TABLE: !Ref StateTable
            """,
        Equivalents: [],
        Pillar: "reliability")
    {
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Keep state in DynamoDB or S3 keyed by request or entity instead of the function's file_system_config; if the workload really needs a shared file system, consider containers.",
                """
                resource "aws_lambda_function" "worker" {
                  # ... no file_system_config
                  environment {
                    variables = {
                      STATE_TABLE = aws_dynamodb_table.state.name
                    }
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Keep state in DynamoDB or S3 keyed by request or entity instead of the function's fileSystemConfig; if the workload really needs a shared file system, consider containers.",
                """
                functions:
                  worker:
                    handler: worker.handler
                    environment:
                      STATE_TABLE: !Ref StateTable
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var f in architecture.OfType<Function>().Where(f => f.FileSystemMounts > 0))
        {
            // Reading shared files (models, reference data) is not shared state; only a function the template lets write is.
            if (WriteAccess(architecture, f) is not { } grant)
            {
                continue;
            }

            var kinds = f.FileSystems.Select(KindOf).Distinct().ToList();
            var what = kinds.Count == 1 && kinds[0] is { } kind ? $"an {kind} file system" : "a file system";
            if (kinds.Count == 1 && kinds[0] == "S3 Files")
            {
                what = "an Amazon S3 Files file system";
            }

            var names = string.Join(", ", f.FileSystems.Select(m => m.Target?.LogicalId ?? m.Text));
            yield return this.Finding(f,
                $"{f.LogicalId} mounts {what} ({names}) and may write to it ({grant}): files shared between concurrent invocations are " +
                "state that needs locking and a VPC, which weighs against serverless.",
                f.FileSystemSpan ?? f.Span);
        }
    }

    private static string? KindOf(ComponentRef mount)
    {
        var service = mount.Target?.Service;
        var text = mount.Text;
        return service == "s3files" || text.Contains("S3Files", StringComparison.OrdinalIgnoreCase) ? "S3 Files"
            : service == "efs" || text.Contains(":elasticfilesystem:", StringComparison.OrdinalIgnoreCase) ? "EFS"
            : null;
    }

    /// <summary>The action that lets the function write to a file system (elasticfilesystem:ClientWrite, s3files:ClientWrite or
    /// a wildcard over them, a read-write managed policy); null when the template shows none.</summary>
    private static string? WriteAccess(Architecture architecture, Function function)
    {
        var grants = architecture.GrantsOf(function)
            .Concat(function.ExecutionRole?.Target is { } role ? architecture.GrantsOf(role) : []);
        foreach (var grant in grants.Where(g => g.IsAllow))
        {
            if (grant.IsManagedPolicy)
            {
                var name = grant.Source.Name ?? "";
                if (name.Contains("ElasticFileSystemClientReadWrite", StringComparison.Ordinal) || name.Contains("ElasticFileSystemClientFullAccess", StringComparison.Ordinal)
                    || name is "AdministratorAccess" || name.Contains("S3Files", StringComparison.Ordinal) && !name.Contains("ReadOnly", StringComparison.Ordinal))
                {
                    return name;
                }

                continue;
            }

            var action = grant.Actions.Select(a => a.Trim()).FirstOrDefault(a =>
                a is "*" || a.Equals("elasticfilesystem:*", StringComparison.OrdinalIgnoreCase) || a.Equals("s3files:*", StringComparison.OrdinalIgnoreCase)
                || a.StartsWith("elasticfilesystem:ClientWrite", StringComparison.OrdinalIgnoreCase) || a.StartsWith("s3files:ClientWrite", StringComparison.OrdinalIgnoreCase)
                || a.Equals("elasticfilesystem:Client*", StringComparison.OrdinalIgnoreCase) || a.Equals("s3files:Client*", StringComparison.OrdinalIgnoreCase));
            if (action is not null)
            {
                return action;
            }
        }

        return null;
    }
}
