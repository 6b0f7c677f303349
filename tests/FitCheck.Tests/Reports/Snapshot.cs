namespace FitCheck.Tests.Reports;

/// <summary>A small snapshot helper (the Verify packages do not restore here). A snapshot is a checked-in file
/// <c>tests/FitCheck.Tests/Reports/Snapshots/NAME.verified.EXT</c>. On a mismatch the actual text is written beside it
/// as <c>NAME.received.EXT</c> and the test fails; run with <c>FITCHECK_ACCEPT_SNAPSHOTS=1</c> to accept (it overwrites
/// the verified file), or move the received file over the verified one.</summary>
internal static class Snapshot
{
    public const string AcceptVariable = "FITCHECK_ACCEPT_SNAPSHOTS";

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "FitCheck.Tests", "Reports", "Snapshots");

    public static void Match(string actual, string name, string extension)
    {
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        var verified = Path.Combine(Folder, $"{name}.verified.{extension}");
        var received = Path.Combine(Folder, $"{name}.received.{extension}");
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot {Path.GetFileName(verified)} yet; wrote {Path.GetFileName(received)}. Review it and run the tests with {AcceptVariable}=1 to accept."
            : $"{Path.GetFileName(verified)} differs from the output ({FirstDifference(expected, actual)}); wrote {Path.GetFileName(received)} beside it. "
              + $"If the change is intended (new rules change the report), run the tests with {AcceptVariable}=1 to accept.");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end of file>";
            var right = i < a.Length ? a[i] : "<end of file>";
            if (left != right)
            {
                return $"line {i + 1}: expected \"{Clip(left)}\", got \"{Clip(right)}\"";
            }
        }

        return "line endings";
    }

    private static string Clip(string line) => line.Length <= 120 ? line : line[..117] + "...";
}
