using FitCheck.Model;

namespace FitCheck.Rules.WorkloadFit;

/// <summary>Functions that mount EFS keep long-lived local state next to the compute.</summary>
public sealed class FunctionsKeepNoStateOnFileSystems : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC7002",
        Slug: "functions-keep-no-state-on-file-systems",
        Title: "Functions keep state in a store, not on a mounted file system",
        Section: Section.WorkloadFit,
        Severity: Severity.Note,
        Rationale: "An EFS mount lets concurrent invocations share files: long-lived local state that needs locking, must sit in a VPC, " +
                   "and scales with the file system's throughput rather than with requests. It is a sign the workload wants a server.",
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
        Pillar: "reliability");

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var f in architecture.OfType<Function>().Where(f => f.FileSystemMounts > 0))
        {
            yield return this.Finding(f,
                $"{f.LogicalId} mounts {f.FileSystemMounts} file system(s): state shared between invocations on EFS weighs against serverless.",
                f.FileSystemSpan ?? f.Span);
        }
    }
}
