using FitCheck.Model;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.Serverless;

/// <summary>
/// A value only known when the service is deployed (<c>${ssm:...}</c>, <c>${cf:...}</c>, an environment variable nobody
/// supplied...). It is neither a scalar nor a mapping, so every reader that expects a literal sees no literal and rules
/// stay silent instead of guessing.
/// </summary>
/// <param name="expression">The value as written, for messages.</param>
/// <param name="reason">Why it is unknown: "resolved at deploy time from SSM", "env:X is not supplied"...</param>
public sealed class UnknownNode(string expression, string reason, SourceSpan span) : TemplateNode(span)
{
    public string Expression { get; } = expression;

    public string Reason { get; } = reason;

    public override string ToString() => Expression;
}
