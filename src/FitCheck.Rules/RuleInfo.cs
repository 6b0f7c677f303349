namespace FitCheck.Rules;

/// <summary>How serious a finding is; SARIF's result levels.</summary>
public enum Severity
{
    Note = 0,
    Warning = 1,
    Error = 2,
}

/// <summary>The eight questions a serverless design review asks; every rule and report chapter belongs to one.</summary>
public enum Section
{
    WorkloadFit,
    Pattern,
    State,
    Observability,
    Security,
    Delivery,
    Cost,
    Alternatives,
}

/// <summary>Names used in every output and on the command line.</summary>
public static class SectionNames
{
    public static IReadOnlyList<Section> All { get; } = Enum.GetValues<Section>();

    public static string Id(this Section section) => section switch
    {
        Section.WorkloadFit => "workload-fit",
        _ => section.ToString().ToLowerInvariant(),
    };

    public static string Title(this Section section) => section switch
    {
        Section.WorkloadFit => "Workload fit",
        Section.Pattern => "Pattern choice",
        Section.State => "State and failure handling",
        Section.Observability => "Observability",
        Section.Security => "Security",
        Section.Delivery => "Delivery controls",
        Section.Cost => "Cost",
        Section.Alternatives => "When to use something else",
        _ => section.ToString(),
    };

    public static Section? Parse(string text) => All.FirstOrDefault(s => string.Equals(s.Id(), text, StringComparison.OrdinalIgnoreCase)) is var s && string.Equals(s.Id(), text, StringComparison.OrdinalIgnoreCase) ? s : null;

    public static string Name(this Severity severity) => severity.ToString().ToLowerInvariant();

    public static Severity? ParseSeverity(string text) => text.ToLowerInvariant() switch
    {
        "error" => Severity.Error,
        "warning" => Severity.Warning,
        "note" => Severity.Note,
        _ => null,
    };
}

/// <summary>What a rule checks and why: the metadata shown in every report and on the rule's docs page.</summary>
/// <param name="Id">FC + four digits, never reused. The thousands follow the sections: 1 state, 2 security, 3 observability,
/// 4 pattern, 5 cost, 6 delivery, 7 workload fit, 8 alternatives.</param>
/// <param name="Slug">The title in kebab-case, stable.</param>
/// <param name="Rationale">Why it matters, one to three sentences.</param>
/// <param name="Remediation">How to fix it, in words.</param>
/// <param name="Snippet">A template snippet that shows the fix.</param>
/// <param name="Equivalents">Other tools' ids for the same check: <c>serverless-rules:ES1007</c>, <c>cdk-nag:Serverless-LambdaDLQ</c>, <c>checkov:CKV_AWS_116</c>, <c>cfn-lint:E3505</c>.</param>
/// <param name="Pillar">The Well-Architected pillar it serves, as a tag.</param>
public sealed record RuleInfo(
    string Id,
    string Slug,
    string Title,
    Section Section,
    Severity Severity,
    string Rationale,
    string Remediation,
    string Snippet,
    IReadOnlyList<string> Equivalents,
    string Pillar)
{
    /// <summary>For security rules: the SARIF <c>security-severity</c> score (0.1 to 10; trivy's CRITICAL is 9.0 and up, HIGH 7.0,
    /// MEDIUM 4.0, LOW 0.1), which code scanning shows as Critical/High/Medium/Low. Null for rules that are not about security.
    /// The model is in docs/severity.md.</summary>
    public double? SecuritySeverity { get; init; }

    /// <summary>False for rules that run only when a config file or <c>--rule</c> asks for them (advice most templates do not need).</summary>
    public bool EnabledByDefault { get; init; } = true;

    /// <summary>Housekeeping: the same fix on many components is one finding per template, listing them (related locations in
    /// SARIF), not one per component.</summary>
    public bool OncePerTemplate { get; init; }

    /// <summary>
    /// The fix in other words than <see cref="Remediation"/> and <see cref="Snippet"/> (which speak SAM, or plain
    /// CloudFormation where SAM has no shorthand), by <see cref="FixWords"/> key: <c>cloudformation</c> for resources
    /// declared without SAM's shorthand, <c>terraform</c> (AWS provider arguments) and <c>serverless</c> (serverless.yml,
    /// with <c>resources.Resources</c> for what the framework has no shorthand for). A key left out falls back to the rule's own text.
    /// </summary>
    public IReadOnlyDictionary<string, RuleFix> Fixes { get; init; } = new Dictionary<string, RuleFix>(StringComparer.Ordinal);

    /// <summary>
    /// The <see cref="FixWords"/> dialects this rule cannot fire on, with why (SAM's deployment preferences have no
    /// Terraform or serverless.yml twin that fitcheck reads): these dialects have no fix of their own, and the rule's page says so.
    /// Every rule has a fix in Terraform and serverless.yml words or says here why not (a catalog test checks it).
    /// </summary>
    public IReadOnlyDictionary<string, string> NotApplicable { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The fix in the words of the input <paramref name="resource"/> was declared in, falling back to the rule's own text.</summary>
    public RuleFix FixFor(FitCheck.Model.Component resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return Fixes.TryGetValue(FixWords.Of(resource), out var fix) ? fix : new RuleFix(Remediation, Snippet);
    }

    /// <summary>Where the rule's page is published.</summary>
    public string HelpUri => $"https://github.com/fitcheck/fitcheck/blob/main/docs/rules/{Id}.md";

    /// <summary>True when a suppression written with <paramref name="id"/> (our id, slug, or another tool's id) means this rule.</summary>
    public bool Answers(string id)
    {
        if (string.Equals(id, Id, StringComparison.OrdinalIgnoreCase) || string.Equals(id, Slug, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // Asked for every finding and every suppression around it: by index and over spans, so nothing is allocated.
        const string CdkNagPack = "AwsSolutions-";
        for (var i = 0; i < Equivalents.Count; i++)
        {
            var equivalent = Equivalents[i];
            var bare = equivalent.AsSpan(equivalent.IndexOf(':', StringComparison.Ordinal) + 1);
            if (string.Equals(id, equivalent, StringComparison.OrdinalIgnoreCase) || id.AsSpan().Equals(bare, StringComparison.OrdinalIgnoreCase)
                || (equivalent.StartsWith("cdk-nag:", StringComparison.Ordinal) && id.Length == CdkNagPack.Length + bare.Length
                    && id.StartsWith(CdkNagPack, StringComparison.OrdinalIgnoreCase) && id.AsSpan(CdkNagPack.Length).Equals(bare, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A fix in one dialect's words: what to do, and a snippet that shows it.</summary>
public sealed record RuleFix(string Remediation, string Snippet)
{
    /// <summary>A serverless.yml fix that declares the rule's CloudFormation resources as they are, under
    /// <c>resources.Resources</c> (the framework passes that section to CloudFormation unchanged).</summary>
    public static RuleFix UnderServerlessResources(string remediation, string cloudFormationSnippet) =>
        new(remediation, "resources:\n  Resources:\n" + string.Join('\n', cloudFormationSnippet.Split('\n').Select(l => l.Length == 0 ? l : "    " + l)));
}

/// <summary>The keys of <see cref="RuleInfo.Fixes"/>: the words a resource was declared in.</summary>
public static class FixWords
{
    /// <summary>SAM's shorthand (<c>AWS::Serverless::*</c>): the rule's own <see cref="RuleInfo.Remediation"/> and <see cref="RuleInfo.Snippet"/>.</summary>
    public const string Sam = "sam";

    /// <summary>Plain CloudFormation resources (CDK output included).</summary>
    public const string CloudFormation = FitCheck.Model.DialectIds.CloudFormation;

    /// <summary>Terraform (HCL, AWS provider).</summary>
    public const string Terraform = FitCheck.Model.DialectIds.Terraform;

    /// <summary>Serverless Framework (<c>serverless.yml</c>).</summary>
    public const string Serverless = FitCheck.Model.DialectIds.Serverless;

    /// <summary>The words <paramref name="resource"/> was declared in: its template's dialect, or <see cref="Sam"/> for SAM's shorthand.</summary>
    public static string Of(FitCheck.Model.Component resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var dialect = resource.Template.Dialect;
        return dialect == FitCheck.Model.DialectIds.CloudFormation && (resource.IsSamShorthand || resource.ImpliedBy?.IsSamShorthand == true) ? Sam : dialect;
    }
}
