using FitCheck.Model;
using FitCheck.Templates.Dialects.Serverless;
using FitCheck.Templates.Reading;
using static FitCheck.Tests.Serverless.ServerlessFixtures;

namespace FitCheck.Tests.Serverless;

public class VariableResolverTests
{
    [Fact]
    public void Read_WhenNoStageGiven_UsesTheWrittenFallbackAsTheCliWould()
    {
        var service = Service(Read("variables"));

        Assert.Equal("dev", service.Stage);
        Assert.Equal(VariableOrigin.Fallback, service.StageOrigin);
        Assert.Equal("eu-west-1", service.Region);
        Assert.Equal("orders-dev", TextAt(service, "provider.environment.TABLE"));
        Assert.Equal("dev", TextAt(service, "provider.environment.STAGE"));
    }

    [Fact]
    public void Read_WhenStageAndRegionGiven_TheyWinOverTheFallbacks()
    {
        var service = Service(Read("variables", new ServerlessOptions { Stage = "prod", Region = "us-west-2" }));

        Assert.Equal("prod", service.Stage);
        Assert.Equal(VariableOrigin.Option, service.StageOrigin);
        Assert.Equal("us-west-2", service.Region);
        Assert.Equal("orders-prod", TextAt(service, "provider.environment.TABLE"));
        Assert.Equal("20", TextAt(service, "provider.timeout"));
        Assert.Equal("WARN", TextAt(service, "provider.environment.LOG_LEVEL"));
    }

    [Fact]
    public void Read_WhenVariableInsideAddress_ResolvesTheStageSpecificValue()
    {
        var service = Service(Read("variables"));

        Assert.Equal("10", TextAt(service, "provider.timeout"));
        Assert.Equal("512", TextAt(service, "provider.memorySize"));
        Assert.Equal("INFO", TextAt(service, "provider.environment.LOG_LEVEL"));
    }

    [Fact]
    public void Read_WhenValueComesFromVariable_KeepsThePositionWhereTheVariableIsWrittenAndRecordsTheOrigin()
    {
        var service = Service(Read("variables"));

        var memory = At(service, "provider.memorySize");
        Assert.Equal(36, memory.Span.Line); // "memorySize: ${self:custom.memory}" in provider
        var resolution = service.ResolutionOf(memory);
        Assert.NotNull(resolution);
        Assert.Equal(VariableOrigin.Self, resolution!.Origin);
        Assert.Equal("${self:custom.memory}", resolution.Expression);
        Assert.Equal(6, resolution.ValueAt!.Line); // "memory: 512" under custom
    }

    [Fact]
    public void Read_WhenEnvironmentNotSupplied_UsesTheDefaultOrLeavesTheValueUnknown()
    {
        var service = Service(Read("variables"));

        Assert.Equal("none", TextAt(service, "provider.environment.API_KEY"));
        Assert.Equal(VariableOrigin.Fallback, service.ResolutionOf(At(service, "provider.environment.API_KEY"))!.Origin);
        var secret = Assert.IsType<UnknownNode>(At(service, "provider.environment.SECRET"));
        Assert.Contains("env:SECRET is not supplied", secret.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhenEnvironmentSupplied_TakesTheValueFromTheUserOnly()
    {
        var options = new ServerlessOptions { Environment = new Dictionary<string, string> { ["SECRET"] = "s3cr3t", ["API_KEY"] = "k" } };

        var service = Service(Read("variables", options));

        Assert.Equal("s3cr3t", TextAt(service, "provider.environment.SECRET"));
        Assert.Equal("k", TextAt(service, "provider.environment.API_KEY"));
        Assert.Equal(VariableOrigin.Environment, service.ResolutionOf(At(service, "provider.environment.SECRET"))!.Origin);
    }

    [Fact]
    public void Read_WhenProcessEnvironmentHoldsTheName_StillDoesNotReadIt()
    {
        var name = "FITCHECK_SLS_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-process");
        try
        {
            var service = Service(ReadText($"service: s\nprovider:\n  name: aws\n  environment:\n    X: ${{env:{name}}}\n"));

            Assert.IsType<UnknownNode>(At(service, "provider.environment.X"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Read_WhenDeployTimeSources_StayUnknownWithoutWarnings()
    {
        var result = Read("variables");
        var service = Service(result);

        Assert.Contains("deploy time", Assert.IsType<UnknownNode>(At(service, "custom.queueArn")).Reason, StringComparison.Ordinal);
        Assert.IsType<UnknownNode>(At(service, "provider.environment.ACCOUNT"));
        Assert.DoesNotContain(Warnings(result), d => d.Location.Line is 10 or 43);
    }

    [Fact]
    public void Read_WhenSeveralFallbacksMiss_TakesTheLastLiteral()
    {
        var service = Service(Read("variables"));

        Assert.Equal("last", TextAt(service, "provider.environment.NESTED"));
        var resolution = service.ResolutionOf(At(service, "provider.environment.NESTED"))!;
        Assert.Equal(VariableOrigin.Fallback, resolution.Origin);
        Assert.Contains("self:custom.missing is not in the service", resolution.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhenCloudFormationSubHoldsPseudoParameters_KeepsThemAndResolvesTheFrameworkVariable()
    {
        var service = Service(Read("variables"));

        var sub = Assert.IsType<IntrinsicNode>(At(service, "provider.environment.QUEUE_URL"));
        Assert.Equal("Fn::Sub", sub.Name);
        Assert.Equal("https://sqs.${AWS::Region}.amazonaws.com/${AWS::AccountId}/orders-dev", sub.Argument.Text);
    }

    [Fact]
    public void Read_WhenFileInsideTheScanRoot_ReadsTheKeyWithItsOwnPosition()
    {
        var service = Service(Read("variables"));

        Assert.Equal("2", TextAt(service, "provider.environment.RETRIES"));
        var resolution = service.ResolutionOf(At(service, "provider.environment.RETRIES"))!;
        Assert.Equal(VariableOrigin.File, resolution.Origin);
        Assert.Equal("variables/config.yml", resolution.ValueAt!.File);
        Assert.Equal(2, resolution.ValueAt.Line);
    }

    [Fact]
    public void Read_WhenFileMissing_UsesTheFallback()
    {
        var service = Service(Read("variables"));

        Assert.Equal("fallback-file", TextAt(service, "custom.missingFile"));
    }

    [Fact]
    public void Read_WhenFileOutsideTheScanRoot_RefusesItWithAWarning()
    {
        var result = Read("variables");
        var service = Service(result);

        Assert.IsType<UnknownNode>(At(service, "custom.outside"));
        var warning = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.OutsideRoot);
        Assert.Equal(15, warning.Location.Line);
    }

    [Fact]
    public void Read_WhenFileIsCode_DoesNotRunIt()
    {
        var service = Service(Read("variables"));

        Assert.Contains("is code", Assert.IsType<UnknownNode>(At(service, "custom.code")).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhenVariablesFormACycle_EndsWithUnknownAndAWarning()
    {
        var result = Read("variables");
        var service = Service(result);

        Assert.IsType<UnknownNode>(At(service, "custom.cycleA"));
        Assert.IsType<UnknownNode>(At(service, "custom.cycleB"));
        Assert.Contains(Warnings(result), d => d.Message.Contains("cycle", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_WhenSelfHasNoDotAfterItsType_LeavesTheTextAsTheFrameworkDoes()
    {
        var service = Service(Read("variables"));

        Assert.Equal("${self.custom.tableName}", TextAt(service, "custom.notAVariable"));
    }

    [Fact]
    public void Read_WhenMergeKey_MergesTheAnchorAndWrittenKeysWin()
    {
        var service = Service(Read("variables"));

        Assert.Equal("5", TextAt(service, "custom.merged.batchSize"));
        Assert.Equal("true", TextAt(service, "custom.merged.enabled"));
    }

    [Fact]
    public void Read_WhenStrToBool_GivesABoolean()
    {
        var service = Service(Read("variables"));

        Assert.Equal("true", TextAt(service, "provider.environment.FLAG"));
    }

    [Fact]
    public void Read_WhenParamGivenOnTheCommandLine_ItWins()
    {
        var options = new ServerlessOptions { Parameters = new Dictionary<string, string> { ["logLevel"] = "DEBUG" } };

        Assert.Equal("DEBUG", TextAt(Service(Read("variables", options)), "provider.environment.LOG_LEVEL"));
    }

    [Fact]
    public void Read_WhenNoStageAnywhere_UsesTheFrameworkDefaults()
    {
        var service = Service(ReadText("service: s\nprovider:\n  name: aws\ncustom:\n  name: ${self:service}-${sls:stage}-${self:provider.region}\n"));

        Assert.Equal("dev", service.Stage);
        Assert.Equal(VariableOrigin.FrameworkDefault, service.StageOrigin);
        Assert.Equal("us-east-1", service.Region);
        Assert.Equal("s-dev-us-east-1", TextAt(service, "custom.name"));
    }

    [Fact]
    public void Read_WhenSelfPointsAtAMapping_SplicesItWithItsOwnPositions()
    {
        var yaml = """
            service: s
            custom:
              statements:
                - Effect: Allow
                  Action: s3:GetObject
                  Resource: '*'
            provider:
              name: aws
              iam:
                role:
                  statements: ${self:custom.statements}
            """;

        var service = Service(ReadText(yaml));

        var statement = Assert.Single(service.Provider.IamStatements);
        Assert.Equal(4, statement.Span.Line);
        Assert.Equal("s3:GetObject", statement["Action"]!.Text);
    }

    [Fact]
    public void Read_WhenSelfMissingWithoutFallback_WarnsThatTheFrameworkWouldStop()
    {
        var result = ReadText("service: s\nprovider:\n  name: aws\n  runtime: ${self:custom.runtime}\n");

        Assert.IsType<UnknownNode>(At(Service(result), "provider.runtime"));
        var warning = Assert.Single(Warnings(result));
        Assert.Equal(4, warning.Location.Line);
        Assert.Contains("framework would stop", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhenMalformedVariable_WarnsOnItsLineAndReadsTheRest()
    {
        var result = ReadText("service: s\nprovider:\n  name: aws\n  runtime: ${self:custom.runtime\n  memorySize: 256\n");

        var service = Service(result);
        Assert.IsType<UnknownNode>(At(service, "provider.runtime"));
        Assert.Equal("256", TextAt(service, "provider.memorySize"));
        Assert.Equal(4, Assert.Single(Warnings(result)).Location.Line);
    }

    [Fact]
    public void Read_WhenVariablesChainVeryDeep_StopsWithOneLimitDiagnostic()
    {
        var lines = new List<string> { "service: s", "provider:", "  name: aws", "  runtime: ${self:custom.v0}", "custom:" };
        for (var i = 0; i < 2000; i++)
        {
            lines.Add($"  v{i}: ${{self:custom.v{i + 1}}}");
        }

        lines.Add("  v2000: python3.12");

        var result = ReadText(string.Join('\n', lines));

        Assert.IsType<UnknownNode>(At(Service(result), "provider.runtime"));
        Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.Limit);
    }

    [Fact]
    public void Read_WhenValuesDoubleAtEachStep_StopsAtTheSizeLimit()
    {
        var lines = new List<string> { "service: s", "provider:", "  name: aws", "custom:", "  v0: xxxxxxxxxxxxxxxx" };
        for (var i = 1; i <= 40; i++)
        {
            lines.Add($"  v{i}: ${{self:custom.v{i - 1}}}${{self:custom.v{i - 1}}}");
        }

        var result = ReadText(string.Join('\n', lines));

        Assert.IsType<UnknownNode>(At(Service(result), "custom.v40"));
        Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.Limit);
    }

    [Fact]
    public void ParseEnvFile_ReadsAssignmentsAndReportsOtherLines()
    {
        var values = ServerlessOptions.ParseEnvFile("# comment\nexport A=1\nB=\"two words\"\nC=3 # note\nnot an assignment\n", out var rejected);

        Assert.Equal("1", values["A"]);
        Assert.Equal("two words", values["B"]);
        Assert.Equal("3", values["C"]);
        Assert.Equal([5], rejected);
    }
}

public sealed class VariableResolverFileTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "fitcheck-sls-" + Guid.NewGuid().ToString("N"));

    public VariableResolverFileTests() => Directory.CreateDirectory(Path.Combine(_root, "service"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private ServerlessReadResult ReadService(string yaml, string? scanRoot = null)
    {
        var path = Path.Combine(_root, "service", "serverless.yml");
        File.WriteAllText(path, yaml);
        return ServerlessReader.ReadFile(path, "service/serverless.yml", null, scanRoot ?? Path.Combine(_root, "service"));
    }

    [Fact]
    public void Read_WhenFilesIncludeEachOther_EndsWithUnknownAndAWarning()
    {
        File.WriteAllText(Path.Combine(_root, "service", "a.yml"), "value: ${file(./b.yml):value}\n");
        File.WriteAllText(Path.Combine(_root, "service", "b.yml"), "value: ${file(./a.yml):value}\n");

        var result = ReadService("service: s\nprovider:\n  name: aws\ncustom:\n  x: ${file(./a.yml):value}\n");

        Assert.IsType<UnknownNode>(ServerlessFixtures.At(ServerlessFixtures.Service(result), "custom.x"));
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("cycle", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_WhenALinkInsideTheRootLeadsOutside_RefusesIt()
    {
        File.WriteAllText(Path.Combine(_root, "secret.yml"), "key: leaked\n");
        try
        {
            File.CreateSymbolicLink(Path.Combine(_root, "service", "link.yml"), Path.Combine(_root, "secret.yml"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return; // No symbolic links on this file system: nothing to test.
        }

        var result = ReadService("service: s\nprovider:\n  name: aws\ncustom:\n  x: ${file(./link.yml):key}\n");

        Assert.IsType<UnknownNode>(ServerlessFixtures.At(ServerlessFixtures.Service(result), "custom.x"));
        Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.OutsideRoot);
    }

    [Fact]
    public void Read_WhenIncludedFileIsBroken_WarnsWithItsOwnLineAndReadsTheRest()
    {
        File.WriteAllText(Path.Combine(_root, "service", "broken.yml"), "a: 1\nb: [unclosed\n");

        var result = ReadService("service: s\nprovider:\n  name: aws\n  runtime: python3.12\ncustom:\n  x: ${file(./broken.yml):a}\n");

        var service = ServerlessFixtures.Service(result);
        Assert.IsType<UnknownNode>(ServerlessFixtures.At(service, "custom.x"));
        Assert.Equal("python3.12", ServerlessFixtures.TextAt(service, "provider.runtime"));
        Assert.Contains(result.Diagnostics, d => d.Location.File == "service/broken.yml" && d.Level == DiagnosticLevel.Warning);
        Assert.DoesNotContain(result.Diagnostics, d => d.Level == DiagnosticLevel.Error);
    }

    [Fact]
    public void Read_WhenPlainTextFile_IsItsText()
    {
        File.WriteAllText(Path.Combine(_root, "service", "key.pem"), "-----BEGIN KEY-----\n");

        var result = ReadService("service: s\nprovider:\n  name: aws\ncustom:\n  key: ${file(./key.pem)}\n");

        Assert.Equal("-----BEGIN KEY-----\n", ServerlessFixtures.TextAt(ServerlessFixtures.Service(result), "custom.key"));
    }
}
