using System.Globalization;

namespace FitCheck.Rules.Delivery;

/// <summary>When a Lambda-managed runtime is deprecated, and when Lambda stops accepting new and updated functions on it.</summary>
/// <param name="BlockCreate">Null when Lambda announced no date (N/A in the AWS table).</param>
/// <param name="BlockUpdate">Null when Lambda announced no date.</param>
public sealed record RuntimeSupport(string Runtime, DateOnly Deprecated, DateOnly? BlockCreate, DateOnly? BlockUpdate, string Successor);

/// <summary>The Lambda runtime lifecycle table.</summary>
/// <remarks>
/// Source: the AWS Lambda Developer Guide, "Lambda runtimes" (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html,
/// supported and deprecated runtime tables) and "Runtime deprecation policy"; dates before 2025 agree with cfn-lint's
/// LmbdRuntimeLifecycle.json. Checked on 2026-12-07 against the dates that page publishes (as endoflife.date/aws-lambda mirrors
/// them) for nodejs22.x, nodejs24.x, python3.13,
/// python3.14, java25, ruby3.4 and dotnet10 (deprecation and block-update dates; dotnet10 has no block-create date here, as
/// none was confirmed). Table as of 2026-12-07. AWS moves these dates
/// (several block dates were extended in 2025): refresh the table when AWS publishes new ones, and add new runtimes as they ship.
/// Runtimes not listed here (current ones with no announced date, or ids this table does not know) are never flagged.
/// </remarks>
public static class RuntimeLifecycle
{
    public static DateOnly TableDate { get; } = new(2026, 12, 7);

    /// <summary>How long before its deprecation date a runtime is worth a warning.</summary>
    public const int WarningDays = 183;

    /// <summary>How long before its deprecation date a runtime is worth a note.</summary>
    public const int NoticeDays = 365;

    private static readonly Dictionary<string, RuntimeSupport> Table = new[]
    {
        // Node.js
        Entry("nodejs", "2016-10-31", "2016-10-31", "2016-10-31", "nodejs22.x"),
        Entry("nodejs4.3", "2020-03-05", "2020-03-05", "2020-03-05", "nodejs22.x"),
        Entry("nodejs4.3-edge", "2020-03-05", "2019-04-30", "2019-04-30", "nodejs22.x"),
        Entry("nodejs6.10", "2019-08-12", "2019-08-12", "2019-08-12", "nodejs22.x"),
        Entry("nodejs8.10", "2020-03-06", "2020-03-06", "2020-03-06", "nodejs22.x"),
        Entry("nodejs10.x", "2021-07-30", "2021-07-30", "2022-02-14", "nodejs22.x"),
        Entry("nodejs12.x", "2023-03-31", "2023-03-31", "2023-04-30", "nodejs22.x"),
        Entry("nodejs14.x", "2023-12-04", "2024-07-09", "2025-02-28", "nodejs22.x"),
        Entry("nodejs16.x", "2024-06-12", "2025-02-28", "2025-03-31", "nodejs22.x"),
        Entry("nodejs18.x", "2025-09-01", "2026-02-03", "2026-03-09", "nodejs22.x"),
        Entry("nodejs20.x", "2026-04-30", "2026-06-01", "2026-07-01", "nodejs24.x"),
        Entry("nodejs22.x", "2027-04-30", "2027-06-01", "2027-07-01", "nodejs24.x"),
        Entry("nodejs24.x", "2028-04-30", "2028-06-01", "2028-07-01", "a newer Node.js runtime"),

        // Python
        Entry("python2.7", "2021-07-15", "2021-07-15", "2022-05-30", "python3.13"),
        Entry("python3.6", "2022-07-18", "2022-07-18", "2022-08-29", "python3.13"),
        Entry("python3.7", "2023-12-04", "2024-01-09", "2025-02-28", "python3.13"),
        Entry("python3.8", "2024-10-14", "2025-02-28", "2025-03-31", "python3.13"),
        Entry("python3.9", "2025-12-15", "2026-06-01", "2026-07-01", "python3.13"),
        Entry("python3.10", "2026-06-30", "2026-07-31", "2026-08-31", "python3.13"),
        Entry("python3.11", "2027-06-30", "2027-07-31", "2027-08-31", "python3.13"),
        Entry("python3.12", "2028-10-31", "2028-11-30", "2029-01-10", "python3.14"),
        Entry("python3.13", "2029-06-30", "2029-07-31", "2029-08-31", "a newer Python runtime"),
        Entry("python3.14", "2029-06-30", "2029-07-31", "2029-08-31", "a newer Python runtime"),

        // Java
        Entry("java8", "2024-01-08", "2024-02-08", "2025-02-28", "java21"),
        Entry("java8.al2", "2026-06-30", "2026-07-31", "2026-08-31", "java21"),
        Entry("java11", "2026-06-30", "2026-07-31", "2026-08-31", "java21"),
        Entry("java17", "2026-06-30", "2026-07-31", "2026-08-31", "java21"),
        Entry("java21", "2029-06-30", "2029-07-31", "2029-08-31", "java25"),
        Entry("java25", "2029-06-30", "2029-07-31", "2029-08-31", "a newer Java runtime"),

        // .NET
        Entry("dotnetcore1.0", "2019-06-27", "2019-07-30", "2019-07-30", "dotnet8"),
        Entry("dotnetcore2.0", "2019-05-30", "2019-05-30", "2019-05-30", "dotnet8"),
        Entry("dotnetcore2.1", "2022-01-05", "2022-01-05", "2022-04-13", "dotnet8"),
        Entry("dotnetcore3.1", "2023-04-03", "2023-04-03", "2023-05-03", "dotnet8"),
        Entry("dotnet6", "2024-12-20", "2025-02-28", "2025-05-31", "dotnet8"),
        Entry("dotnet7", "2024-05-14", null, null, "dotnet8"),
        Entry("dotnet8", "2026-11-10", "2026-12-10", "2027-01-11", "dotnet10"),
        Entry("dotnet10", "2028-11-14", null, "2029-01-15", "a newer .NET runtime"),

        // Ruby
        Entry("ruby2.5", "2021-07-30", "2021-07-30", "2022-03-31", "ruby3.4"),
        Entry("ruby2.7", "2023-12-07", "2024-01-09", "2025-02-28", "ruby3.4"),
        Entry("ruby3.2", "2026-03-31", "2026-06-01", "2026-07-01", "ruby3.4"),
        Entry("ruby3.3", "2027-03-31", "2027-04-30", "2027-05-31", "ruby3.4"),
        Entry("ruby3.4", "2028-03-31", "2028-04-30", "2028-05-31", "a newer Ruby runtime"),

        // Go and OS-only
        Entry("go1.x", "2024-01-08", "2024-02-08", "2025-02-28", "provided.al2023"),
        Entry("provided", "2024-01-08", "2024-02-08", "2025-02-28", "provided.al2023"),
        Entry("provided.al2", "2026-06-30", "2026-07-31", "2026-08-31", "provided.al2023"),
        Entry("provided.al2023", "2029-06-30", "2029-07-31", "2029-08-31", "a newer OS-only runtime"),
    }.ToDictionary(s => s.Runtime, StringComparer.Ordinal);

    public static RuntimeSupport? Find(string runtime) => Table.GetValueOrDefault(runtime);

    private static RuntimeSupport Entry(string runtime, string deprecated, string? blockCreate, string? blockUpdate, string successor) =>
        new(runtime, Parse(deprecated), blockCreate is null ? null : Parse(blockCreate), blockUpdate is null ? null : Parse(blockUpdate), successor);

    private static DateOnly Parse(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
