namespace FitCheck.Tests.Support;

/// <summary>A fact that takes minutes (packing and installing the tool, say). The everyday <c>dotnet test</c> reports it as
/// skipped; <c>.ci/run</c> sets <c>FITCHECK_SLOW_TESTS=1</c> and runs it.</summary>
public sealed class SlowFactAttribute : FactAttribute
{
    public const string Variable = "FITCHECK_SLOW_TESTS";

    public SlowFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"Skipped: a slow test (minutes). Set {Variable}=1 to run it; .ci/run does.";
        }
    }
}
