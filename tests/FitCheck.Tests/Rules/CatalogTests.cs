using System.Text.RegularExpressions;
using FitCheck.Rules;

namespace FitCheck.Tests.Rules;

public partial class CatalogTests
{
    [Fact]
    public void Ids_AreUniqueAndWellFormed()
    {
        var ids = BuiltInRules.All.Select(r => r.Info.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches(IdPattern(), id));
        Assert.Equal(BuiltInRules.All.Count, BuiltInRules.All.Select(r => r.Info.Slug).Distinct().Count());
    }

    [Fact]
    public void RetiredIds_AreNeverReused()
    {
        Assert.DoesNotContain(BuiltInRules.All, r => BuiltInRules.RetiredIds.Contains(r.Info.Id));
        Assert.All(BuiltInRules.RetiredIds, id => Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "docs", "rules", id + ".md")), $"retired {id} keeps its page"));
    }

    [Fact]
    public void IdThousands_FollowTheSection()
    {
        foreach (var rule in BuiltInRules.All)
        {
            var expected = rule.Info.Section switch
            {
                Section.State => '1',
                Section.Security => '2',
                Section.Observability => '3',
                Section.Pattern => '4',
                Section.Cost => '5',
                Section.Delivery => '6',
                Section.WorkloadFit => '7',
                _ => '8',
            };
            Assert.True(rule.Info.Id[2] == expected, $"{rule.Info.Id} is in section {rule.Info.Section.Id()}");
        }
    }

    [Fact]
    public void EveryRuleClass_IsRegistered()
    {
        var registered = BuiltInRules.All.Select(r => r.GetType()).ToHashSet();
        var all = typeof(IRule).Assembly.GetTypes().Where(t => typeof(IRule).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface);
        Assert.All(all, t => Assert.Contains(t, registered));
    }

    [Fact]
    public void EveryRule_HasADocsPageWithItsTitle()
    {
        foreach (var rule in BuiltInRules.All)
        {
            var page = Path.Combine(RepoPaths.Root, "docs", "rules", rule.Info.Id + ".md");
            Assert.True(File.Exists(page), $"docs/rules/{rule.Info.Id}.md is missing");
            var first = File.ReadLines(page).First();
            Assert.Equal($"# {rule.Info.Id}: {rule.Info.Title}", first);
        }
    }

    [Fact]
    public void EveryRule_HasAFiringAndACleanFixture()
    {
        foreach (var rule in BuiltInRules.All)
        {
            var folder = Path.Combine(RuleFixture.Folder, rule.Info.Id);
            Assert.True(Directory.Exists(folder), $"no fixtures for {rule.Info.Id}");
            var texts = Directory.EnumerateFiles(folder).Select(File.ReadAllText).ToList();
            Assert.True(texts.Any(t => t.Contains("# expect: " + rule.Info.Id, StringComparison.Ordinal)), $"{rule.Info.Id} has no fixture that must fire");
            Assert.True(texts.Any(t => !t.Contains("# expect:", StringComparison.Ordinal)), $"{rule.Info.Id} has no fixture that must stay clean");
        }
    }

    [Fact]
    public void EveryRule_HasMetadata()
    {
        Assert.All(BuiltInRules.All, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Info.Rationale));
            Assert.False(string.IsNullOrWhiteSpace(r.Info.Remediation));
            Assert.False(string.IsNullOrWhiteSpace(r.Info.Snippet));
            Assert.Matches(SlugPattern(), r.Info.Slug);
        });
    }

    [Fact]
    public void RulesIndex_MatchesTheGeneratedCatalog()
    {
        var index = Path.Combine(RepoPaths.Root, "docs", "rules", "README.md");
        var expected = FitCheck.Reports.Catalog.RuleCatalogWriter.Markdown(BuiltInRules.All);

        Assert.True(File.Exists(index), "docs/rules/README.md is missing: run fitcheck rules --format markdown --output docs/rules/README.md");
        Assert.True(expected == File.ReadAllText(index).ReplaceLineEndings("\n"),
            "docs/rules/README.md drifted from the catalog: run fitcheck rules --format markdown --output docs/rules/README.md");
    }

    [Fact]
    public void EveryRulePage_ShowsTheFixInEachInputsWords()
    {
        // FITCHECK_ACCEPT_SNAPSHOTS=1 rewrites the "## Fix" section of each page from the catalog (the rest is written by hand).
        var accept = Environment.GetEnvironmentVariable("FITCHECK_ACCEPT_SNAPSHOTS") == "1";
        var drifted = new List<string>();
        foreach (var rule in BuiltInRules.All)
        {
            var page = Path.Combine(RepoPaths.Root, "docs", "rules", rule.Info.Id + ".md");
            var text = File.ReadAllText(page).ReplaceLineEndings("\n");
            var expected = FitCheck.Reports.Catalog.RuleCatalogWriter.WithFixSection(text, rule.Info);
            if (expected != text)
            {
                drifted.Add(rule.Info.Id);
                if (accept)
                {
                    File.WriteAllText(page, expected);
                }
            }
        }

        Assert.True(drifted.Count == 0 || accept,
            $"the Fix section of docs/rules/{string.Join(", ", drifted)}.md drifted from the catalog: run the catalog tests with FITCHECK_ACCEPT_SNAPSHOTS=1");
    }

    [Fact]
    public void EveryEnabledRule_HasATerraformAndAServerlessFix_OrSaysWhyItCannotFire()
    {
        foreach (var rule in BuiltInRules.All.Where(r => r.Info.EnabledByDefault))
        {
            foreach (var dialect in new[] { FixWords.Terraform, FixWords.Serverless })
            {
                var has = rule.Info.Fixes.TryGetValue(dialect, out var fix);
                var why = rule.Info.NotApplicable.GetValueOrDefault(dialect);
                Assert.True(has ^ why is not null, $"{rule.Info.Id} needs a {dialect} fix or a reason it cannot fire on {dialect} (and not both)");
                if (has)
                {
                    Assert.False(string.IsNullOrWhiteSpace(fix!.Remediation), $"{rule.Info.Id} {dialect} remediation");
                    Assert.False(string.IsNullOrWhiteSpace(fix.Snippet), $"{rule.Info.Id} {dialect} snippet");
                }
            }
        }
    }

    [Fact]
    public void TerraformFixes_SpeakHcl_AndServerlessFixes_SpeakServerlessYml()
    {
        foreach (var rule in BuiltInRules.All)
        {
            if (rule.Info.Fixes.TryGetValue(FixWords.Terraform, out var terraform))
            {
                // HCL: resource blocks and arguments with '=', never CloudFormation's "Type: AWS::..." or "!GetAtt".
                Assert.Matches(HclLine(), terraform.Snippet);
                Assert.DoesNotContain("Type: AWS::", terraform.Snippet, StringComparison.Ordinal);
                Assert.DoesNotContain("!GetAtt", terraform.Snippet, StringComparison.Ordinal);
                Assert.DoesNotContain("!Ref", terraform.Snippet, StringComparison.Ordinal);
            }

            if (rule.Info.Fixes.TryGetValue(FixWords.Serverless, out var serverless))
            {
                // serverless.yml: its own top-level keys; CloudFormation only inside resources.Resources.
                Assert.Matches(ServerlessTopLevel(), serverless.Snippet);
                Assert.DoesNotContain("Globals:", serverless.Snippet, StringComparison.Ordinal);
                Assert.DoesNotContain("AWS::Serverless::", serverless.Snippet, StringComparison.Ordinal);
                if (serverless.Snippet.Contains("Type: AWS::", StringComparison.Ordinal))
                {
                    Assert.Contains("resources:", serverless.Snippet, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Explain_AndTheJsonCatalog_GiveTheFixInEachInputsWords()
    {
        var explained = FitCheck.Reports.Catalog.RuleCatalogWriter.Explain(BuiltInRules.Find("FC1006")!.Info);
        var deployment = FitCheck.Reports.Catalog.RuleCatalogWriter.Explain(BuiltInRules.Find("FC6002")!.Info);
        using var catalog = System.Text.Json.JsonDocument.Parse(FitCheck.Reports.Catalog.RuleCatalogWriter.Json(BuiltInRules.All));

        Assert.Contains("Fix in Terraform\n  Set function_response_types = [\"ReportBatchItemFailures\"]", explained, StringComparison.Ordinal);
        Assert.Contains("Fix in serverless.yml\n  Set functionResponseType: ReportBatchItemFailures", explained, StringComparison.Ordinal);
        Assert.Contains("In Terraform\n  Does not apply: SAM's DeploymentPreference", deployment, StringComparison.Ordinal);
        var fc1006 = catalog.RootElement.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "FC1006");
        Assert.Contains("aws_lambda_event_source_mapping", fc1006.GetProperty("fixes").GetProperty("terraform").GetProperty("snippet").GetString(), StringComparison.Ordinal);
        var fc6002 = catalog.RootElement.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "FC6002");
        Assert.True(fc6002.GetProperty("notApplicable").TryGetProperty("terraform", out _));
        Assert.Contains("deploymentSettings:", fc6002.GetProperty("fixes").GetProperty("serverless").GetProperty("snippet").GetString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?m)^\s*(resource|data|module|locals|variable) ""|^\s*[a-z_]+ = ")]
    private static partial Regex HclLine();

    [GeneratedRegex(@"(?m)^(provider|functions|resources|stepFunctions|appSync|custom|plugins|params):")]
    private static partial Regex ServerlessTopLevel();

    [GeneratedRegex(@"^FC\d{4}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
