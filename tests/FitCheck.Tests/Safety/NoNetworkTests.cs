using System.Text.RegularExpressions;

namespace FitCheck.Tests.Safety;

/// <summary>fitcheck only reads files: no network, no processes. This scan of src/ fails when code that could reach out appears.</summary>
public sealed partial class NoNetworkTests
{
    // Networking, downloading, process and native-code APIs: their types, their namespaces, and the calls whose names
    // are also ordinary words in a cost model (a WebSocket API's price, a Process step).
    [GeneratedRegex(@"\b(HttpClient|HttpMessageHandler|SocketsHttpHandler|HttpWebRequest|WebRequest|WebClient|ClientWebSocket|TcpClient|TcpListener|UdpClient|NetworkStream|SmtpClient|FtpWebRequest|QuicConnection|QuicListener|NamedPipeClientStream|ProcessStartInfo|DllImport|LibraryImport|NativeLibrary)\b" +
        @"|\bnew\s+(Socket|Ping)\s*\(|\b(Dns|Process)\s*\.\s*(Get|Start|Begin|Resolve)\w*" +
        @"|\bSystem\.Net\.(Http|Sockets|WebSockets|Quic|Mail|NetworkInformation|Requests)\b|\bSystem\.Diagnostics\.Process\b")]
    private static partial Regex Forbidden();

    private const string GitReader = "FitCheck.Cli/Commands/GitRevisions.cs";

    internal static IEnumerable<(string File, int Line, string Text)> Offences(string root)
    {
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative.Split('/').Any(segment => segment is "bin" or "obj"))
            {
                continue;
            }

            if (file.EndsWith(".csproj", StringComparison.Ordinal) || file.EndsWith(".props", StringComparison.Ordinal))
            {
                // No package that exists to talk to the network either.
                var project = File.ReadAllText(file);
                if (Regex.IsMatch(project, @"Include=""[^""]*(Http|Net\.|Sockets|Grpc|Aws|AWSSDK)[^""]*""", RegexOptions.IgnoreCase))
                {
                    yield return (relative, 0, "a networking package reference");
                }

                continue;
            }

            if (!file.EndsWith(".cs", StringComparison.Ordinal))
            {
                continue;
            }

            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                var code = line.TrimStart();
                if (code.StartsWith("//", StringComparison.Ordinal) || code.StartsWith("///", StringComparison.Ordinal) || code.StartsWith('*'))
                {
                    continue;
                }

                // String literals are text shown to users ("never fetches..."), not calls.
                var withoutStrings = Regex.Replace(code, "\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
                if (Forbidden().IsMatch(withoutStrings))
                {
                    yield return (relative, number, code);
                }
            }
        }
    }

    [Fact]
    public void The_product_code_uses_no_network_or_process_api()
    {
        // The one documented exception: `fitcheck diff --git` runs git, and only git, to read two revisions.
        var offences = Offences(Path.Combine(RepoPaths.Root, "src")).Where(o => o.File != GitReader).ToList();
        var git = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", GitReader));
        Assert.Single(Regex.Matches(git, @"new ProcessStartInfo\(""git""\)"));
        Assert.DoesNotMatch(@"new ProcessStartInfo\((?!""git""\))", git);

        Assert.True(offences.Count == 0, "fitcheck must never fetch, upload or execute anything; found:\n" +
            string.Join("\n", offences.Select(o => $"src/{o.File}:{o.Line}: {o.Text}")));
    }

    [Fact]
    public void The_scan_catches_a_network_call()
    {
        var folder = Path.Combine(Path.GetTempPath(), "fitcheck-nonet-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "Leak.cs"), "// HttpClient in a comment is fine\nvar text = \"HttpClient in a string is fine\";\nusing var client = new System.Net.Http.HttpClient();\nProcess.Start(\"sh\");\npublic static decimal WebSocket(decimal messages) => messages;\nvar addresses = Dns.GetHostAddresses(host);\n");

            var offences = Offences(folder).ToList();

            Assert.Equal([3, 4, 6], offences.Select(o => o.Line));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_readme_says_fitcheck_never_runs_fetches_or_uploads_anything()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

        Assert.Contains("never runs, fetches or uploads anything", readme, StringComparison.Ordinal);
    }
}
