using FitCheck.Rules;
using FitCheck.Templates.Scanning;
using Xunit;

namespace FitCheck.Tests.Rules;

/// <summary>A folded finding names Globals.Function only when SAM's Globals reach every function it lists.</summary>
public sealed class FoldedWordsTests
{
    private const string Functions = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          A:
            Type: AWS::Lambda::Function
            Properties: { Runtime: python3.12, Handler: a.h, Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: x } }
          B:
            TYPE_B
            Properties: { Runtime: python3.12, Handler: b.h, Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: x } }
        """;

    private static string Arm64Message(string typeOfB)
    {
        var architecture = Scanner.FromText(Functions.Replace("TYPE_B", "Type: " + typeOfB, StringComparison.Ordinal));
        var result = Analyzer.Run(architecture, [BuiltInRules.Find("FC5008")!]);
        return Assert.Single(result.Active).Message;
    }

    [Fact]
    public void Plain_CloudFormation_functions_are_told_to_set_it_on_each_function() =>
        Assert.Contains("set Architectures: [arm64] on each function", Arm64Message("AWS::Lambda::Function"), StringComparison.Ordinal);

    [Fact]
    public void Sam_functions_are_told_about_Globals() =>
        Assert.Contains("in Globals.Function", Scanner.FromText("""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              A:
                Type: AWS::Serverless::Function
                Properties: { Runtime: python3.12, Handler: a.h, CodeUri: . }
              B:
                Type: AWS::Serverless::Function
                Properties: { Runtime: python3.12, Handler: b.h, CodeUri: . }
            """) is var a ? Assert.Single(Analyzer.Run(a, [BuiltInRules.Find("FC5008")!]).Active).Message : "", StringComparison.Ordinal);
}
