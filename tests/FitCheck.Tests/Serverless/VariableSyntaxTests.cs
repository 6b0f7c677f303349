using FitCheck.Templates.Dialects.Serverless;

namespace FitCheck.Tests.Serverless;

public class VariableSyntaxTests
{
    [Fact]
    public void Parse_WhenSelfWithQuotedFallback_GivesTwoSources()
    {
        var parts = VariableSyntax.Parse("${opt:stage, 'dev'}");

        var variable = Assert.IsType<VariableReference>(Assert.Single(parts));
        Assert.Equal(2, variable.Sources.Count);
        Assert.Equal("opt", variable.Sources[0].Type);
        Assert.Equal("stage", Text(variable.Sources[0].Address));
        Assert.True(variable.Sources[1].IsLiteral);
        Assert.Equal("dev", variable.Sources[1].Literal);
        Assert.True(variable.Sources[1].LiteralIsString);
    }

    [Fact]
    public void Parse_WhenTextAroundVariables_KeepsTheTextParts()
    {
        var parts = VariableSyntax.Parse("orders-${sls:stage}-${self:custom.suffix}.json");

        Assert.Equal(5, parts.Count);
        Assert.Equal("orders-", Assert.IsType<TextPart>(parts[0]).Text);
        Assert.Equal("sls", Assert.IsType<VariableReference>(parts[1]).Sources[0].Type);
        Assert.Equal("-", Assert.IsType<TextPart>(parts[2]).Text);
        Assert.Equal(".json", Assert.IsType<TextPart>(parts[4]).Text);
    }

    [Theory]
    [InlineData("arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:q")]
    [InlineData("${stage}")]
    [InlineData("${self.custom.topicName}")]
    [InlineData("${aws::x}")]
    [InlineData("$ {self:x}")]
    public void Parse_WhenCloudFormationOrForeignPlaceholder_LeavesTheTextAlone(string text)
    {
        var parts = VariableSyntax.Parse(text);

        Assert.Equal(text, Assert.IsType<TextPart>(Assert.Single(parts)).Text);
    }

    [Fact]
    public void Parse_WhenVariableInsideAddress_NestsIt()
    {
        var parts = VariableSyntax.Parse("${self:custom.timeout.${sls:stage}}");

        var address = Assert.IsType<VariableReference>(Assert.Single(parts)).Sources[0].Address!;
        Assert.Equal("custom.timeout.", Assert.IsType<TextPart>(address[0]).Text);
        Assert.Equal("sls", Assert.IsType<VariableReference>(address[1]).Sources[0].Type);
    }

    [Fact]
    public void Parse_WhenFileWithNestedVariableInPath_ParsesTheParameter()
    {
        var parts = VariableSyntax.Parse("${file(secrets.${opt:stage, self:provider.stage}.yml):key}");

        var source = Assert.IsType<VariableReference>(Assert.Single(parts)).Sources[0];
        Assert.Equal("file", source.Type);
        var parameter = Assert.Single(source.Parameters!);
        Assert.Equal(3, parameter.Count);
        var inner = Assert.IsType<VariableReference>(parameter[1]);
        Assert.Equal(["opt", "self"], inner.Sources.Select(s => s.Type));
        Assert.Equal("key", Text(source.Address));
    }

    [Fact]
    public void Parse_WhenSeveralFallbacksAndNumber_KeepsTheirOrder()
    {
        var variable = Assert.IsType<VariableReference>(Assert.Single(VariableSyntax.Parse("${opt:x, env:Y, self:custom.z, 30}")));

        Assert.Equal(["opt", "env", "self", null], variable.Sources.Select(s => s.Type));
        Assert.Equal("30", variable.Sources[3].Literal);
        Assert.False(variable.Sources[3].LiteralIsString);
    }

    [Theory]
    [InlineData("${self:custom.x")]
    [InlineData("${opt:stage, 'dev', 'prod'}")]
    [InlineData("${self:a:b}")]
    [InlineData("${file(x.yml}")]
    public void Parse_WhenMalformed_Throws(string text)
    {
        Assert.Throws<VariableSyntaxException>(() => VariableSyntax.Parse(text));
    }

    private static string Text(IReadOnlyList<VariablePart>? parts) => Assert.IsType<TextPart>(Assert.Single(parts!)).Text;
}
