using System.Diagnostics;
using System.Text.RegularExpressions;
using FitCheck.Model;
using FitCheck.Templates.Dialects.Terraform;
using FitCheck.Templates.Dialects.Terraform.Hcl;
using Xunit.Abstractions;

namespace FitCheck.Tests.Terraform;

/// <summary>The Terraform projects of ../shared/corpus/terraform, when it is there.</summary>
public sealed partial class TerraformCorpusTests(ITestOutputHelper output)
{
    private static string? Folder => RepoPaths.Corpus is { } corpus && Directory.Exists(Path.Combine(corpus, "terraform"))
        ? Path.Combine(corpus, "terraform")
        : null;

    [Fact]
    public void Every_tf_file_of_the_corpus_parses_without_a_diagnostic()
    {
        if (Folder is not { } folder)
        {
            output.WriteLine("SKIPPED: ../shared/corpus/terraform is not there");
            return;
        }

        var files = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".tf", StringComparison.Ordinal) || f.EndsWith(".tfvars", StringComparison.Ordinal) || f.EndsWith(".hcl", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var failures = new List<string>();
        foreach (var file in files)
        {
            var diagnostics = new List<Diagnostic>();
            var relative = Path.GetRelativePath(folder, file);
            HclParser.ParseFile(File.ReadAllText(file), relative, diagnostics);
            failures.AddRange(diagnostics.Select(d => d.ToString()));
        }

        output.WriteLine($"{files.Count} files read, {failures.Count} diagnostics");
        foreach (var failure in failures.Take(40))
        {
            output.WriteLine(failure);
        }

        Assert.True(files.Count > 200, $"only {files.Count} .tf files found");
        Assert.Empty(failures);
    }

    [Fact]
    public void Every_project_loads_and_every_lambda_function_is_a_resource()
    {
        if (Folder is not { } folder)
        {
            output.WriteLine("SKIPPED: ../shared/corpus/terraform is not there");
            return;
        }

        var roots = TerraformDiscovery.FindRootModules(folder);
        var watch = Stopwatch.StartNew();
        var projects = roots.Select(r => TerraformLoader.Load(r, new TerraformLoadOptions(folder))).ToList();
        watch.Stop();
        var patterns = roots.Select(r => Path.GetRelativePath(folder, r).Split(Path.DirectorySeparatorChar)[1]).Distinct().Count();
        output.WriteLine($"{roots.Count} root modules in {patterns} projects, {projects.Sum(p => p.Resources.Count)} resources, loaded in {watch.ElapsedMilliseconds} ms");
        var errors = projects.SelectMany(p => p.Diagnostics).Where(d => d.Level == DiagnosticLevel.Error).ToList();
        foreach (var d in projects.SelectMany(p => p.Diagnostics).Where(d => d.Level != DiagnosticLevel.Info).Take(60))
        {
            output.WriteLine(d.ToString());
        }

        Assert.Equal(102, patterns);
        Assert.Empty(errors);

        // Every aws_lambda_function block written in a .tf file is a resource of some project, with its address.
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.tf", SearchOption.AllDirectories))
        {
            foreach (Match m in LambdaBlock().Matches(File.ReadAllText(file)))
            {
                var name = m.Groups[1].Value;
                if (!projects.Any(p => p.Resources.Any(r => r.Type == "aws_lambda_function" && r.Name == name && p.Files.Contains(Path.GetRelativePath(folder, file).Replace('\\', '/')))))
                {
                    missing.Add($"{Path.GetRelativePath(folder, file)}: aws_lambda_function.{name}");
                }
            }
        }

        Assert.Empty(missing);
    }

    [GeneratedRegex(@"resource\s+""aws_lambda_function""\s+""([^""]+)""")]
    private static partial Regex LambdaBlock();

    [Fact]
    public void Every_lambda_function_and_event_source_mapping_of_the_corpus_is_in_the_graph()
    {
        if (Folder is not { } folder)
        {
            output.WriteLine("SKIPPED: ../shared/corpus/terraform is not there");
            return;
        }

        var dialect = new TerraformDialect();
        var missing = new List<string>();
        var functions = 0;
        var triggers = 0;
        foreach (var root in TerraformDiscovery.FindRootModules(folder))
        {
            var project = TerraformLoader.Load(root, new TerraformLoadOptions(folder));
            var files = Directory.EnumerateFiles(root, "*.tf").Select(f => new FitCheck.Templates.Discovery.DiscoveredFile(f, Path.GetRelativePath(folder, f), false)).ToList();
            var unit = Assert.Single(dialect.Claim(files));
            var result = dialect.Read(unit, new FitCheck.Templates.Dialects.ReadOptions(folder));
            var architecture = Assert.IsType<Architecture>(result.Architecture);
            Assert.Equal(DialectIds.Terraform, architecture.Template.Dialect);
            var ids = architecture.Components.Select(c => c.LogicalId).ToHashSet(StringComparer.Ordinal);
            foreach (var resource in project.Managed.Where(r => r.Type is "aws_lambda_function" or "aws_lambda_event_source_mapping"))
            {
                if (!ids.Contains(resource.Address))
                {
                    missing.Add($"{project.Directory}: {resource.Address}");
                }
            }

            functions += project.Managed.Count(r => r.Type == "aws_lambda_function");
            triggers += architecture.Flows.Count(f => f.Kind == FlowKind.Triggers);
        }

        output.WriteLine($"{functions} aws_lambda_function resources in the graph, {triggers} trigger edges");
        Assert.True(functions > 50, $"only {functions} functions");
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_queue_topic_and_bucket_policy_of_the_corpus_protects_the_resource_it_names()
    {
        if (Folder is not { } folder)
        {
            output.WriteLine("SKIPPED: ../shared/corpus/terraform is not there");
            return;
        }

        var dialect = new TerraformDialect();
        var wrong = new List<string>();
        var policies = 0;
        foreach (var root in TerraformDiscovery.FindRootModules(folder))
        {
            var project = TerraformLoader.Load(root, new TerraformLoadOptions(folder));
            var files = Directory.EnumerateFiles(root, "*.tf").Select(f => new FitCheck.Templates.Discovery.DiscoveredFile(f, Path.GetRelativePath(folder, f), false)).ToList();
            var unit = Assert.Single(dialect.Claim(files));
            var architecture = Assert.IsType<Architecture>(dialect.Read(unit, new FitCheck.Templates.Dialects.ReadOptions(folder)).Architecture);
            foreach (var policy in project.Managed.Where(r => r.Type is "aws_sqs_queue_policy" or "aws_sns_topic_policy" or "aws_s3_bucket_policy"))
            {
                // The queue, topic or bucket the policy names (queue_url = aws_sqs_queue.x.id / .url, arn = aws_sns_topic.y.arn, bucket = aws_s3_bucket.z.id).
                var attribute = policy.Type switch { "aws_sqs_queue_policy" => "queue_url", "aws_sns_topic_policy" => "arn", _ => "bucket" };
                var named = policy[attribute]?.AllReferences().Select(r => r.Address).FirstOrDefault();
                policies++;
                var protectedIds = architecture.ResourcePermissions.Where(p => p.Declaration.LogicalId == policy.Address).Select(p => p.Resource.LogicalId).Distinct().ToList();
                // Every queue and topic policy of the corpus allows something; one bucket policy (s3-eventbridge-sfn) only denies.
                var denyOnly = policy.Address == "aws_s3_bucket_policy.MyS3BucketPolicy" && protectedIds.Count == 0;
                if (!denyOnly && (named is null || protectedIds.Count != 1 || protectedIds[0] != named))
                {
                    wrong.Add($"{project.Directory}: {policy.Address} names {named ?? "nothing"}, protects [{string.Join(", ", protectedIds)}]");
                }
            }
        }

        output.WriteLine($"{policies} queue, topic and bucket policies");
        Assert.True(policies >= 22, $"only {policies} policies");
        Assert.Empty(wrong);
    }
}
