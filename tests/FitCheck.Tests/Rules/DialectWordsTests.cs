using FitCheck.Model;
using FitCheck.Rules;
using FitCheck.Rules.State;
using FitCheck.Templates.Scanning;

namespace FitCheck.Tests.Rules;

/// <summary>Words per dialect: settings name the property they came from, and a finding's fix speaks the words the
/// resource was declared in.</summary>
public class DialectWordsTests
{
    private const string Sam = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Orders:
            Type: AWS::SQS::Queue
          Consumer:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: python3.12
              Handler: app.handler
              CodeUri: src/
              Events:
                Queue:
                  Type: SQS
                  Properties:
                    Queue: !GetAtt Orders.Arn
                    BatchSize: 10
        """;

    private const string CloudFormation = """
        Resources:
          Orders:
            Type: AWS::SQS::Queue
            Properties:
              VisibilityTimeout: 120
          Consumer:
            Type: AWS::Lambda::Function
            Properties:
              Runtime: python3.12
              Handler: app.handler
              Role: arn:aws:iam::123456789012:role/consumer
              Code: { ZipFile: "x" }
          Mapping:
            Type: AWS::Lambda::EventSourceMapping
            Properties:
              EventSourceArn: !GetAtt Orders.Arn
              FunctionName: !Ref Consumer
              BatchSize: 10
        """;

    [Fact]
    public void Settings_NameThePropertyTheyCameFrom_SetOrLeftOut()
    {
        var architecture = Scanner.FromText(CloudFormation);
        var queue = architecture.OfType<Queue>().Single();
        var function = architecture.OfType<Function>().Single();

        Assert.Equal("VisibilityTimeout", queue.VisibilityTimeoutSeconds.Property);
        Assert.Equal(SettingOrigin.Explicit, queue.VisibilityTimeoutSeconds.Origin);
        Assert.Equal("MessageRetentionPeriod", queue.MessageRetentionSeconds.Property);
        Assert.Equal(SettingOrigin.ServiceDefault, queue.MessageRetentionSeconds.Origin);
        Assert.Equal("Timeout", function.TimeoutSeconds.Property);
        var mapping = function.Events.Single().Delivery.Mapping!;
        Assert.Equal("FunctionResponseTypes", mapping.ReportBatchItemFailures.Property);
        Assert.Equal("BatchSize", mapping.BatchSize.Property);
        Assert.Equal(EventSourceKind.Sqs, function.Events.Single().Delivery.Kind);
        Assert.Equal(DialectIds.CloudFormation, architecture.Template.Dialect);
    }

    [Fact]
    public void Fix_OfASamFunction_IsTheSamText_AndOfAPlainMapping_TheCloudFormationText()
    {
        var rule = new SqsMappingsReportBatchItemFailures();

        var samFinding = Assert.Single(rule.Evaluate(Scanner.FromText(Sam)));
        var cfnFinding = Assert.Single(rule.Evaluate(Scanner.FromText(CloudFormation)));

        Assert.Equal(FixWords.Sam, FixWords.Of(samFinding.Resource));
        Assert.Equal(rule.Info.Remediation, samFinding.Fix.Remediation);
        Assert.Contains("Type: SQS", samFinding.Fix.Snippet, StringComparison.Ordinal);
        Assert.Equal(FixWords.CloudFormation, FixWords.Of(cfnFinding.Resource));
        Assert.Contains("AWS::Lambda::EventSourceMapping", cfnFinding.Fix.Remediation, StringComparison.Ordinal);
        Assert.Contains("Type: AWS::Lambda::EventSourceMapping", cfnFinding.Fix.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void Fix_OfATerraformResource_IsTheTerraformText()
    {
        var rule = new SqsMappingsReportBatchItemFailures();
        var template = new TemplateInfo("main", "hcl", DialectIds.Terraform);
        var mapping = new Component("aws_lambda_event_source_mapping.orders", "AWS::Lambda::EventSourceMapping", ComponentKind.EventSourceMapping, template, SourceSpan.FileStart("main.tf"));

        var fix = rule.Info.FixFor(mapping);

        Assert.Contains("function_response_types = [\"ReportBatchItemFailures\"]", fix.Remediation, StringComparison.Ordinal);
        Assert.Contains("resource \"aws_lambda_event_source_mapping\"", fix.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void Fix_InADialectTheRuleCannotFireOn_FallsBackToTheRulesText()
    {
        var rule = new FitCheck.Rules.Delivery.DeploymentsAreNotAllAtOnce();
        var template = new TemplateInfo("main", "hcl", DialectIds.Terraform);
        var function = new Component("aws_lambda_function.orders", "AWS::Lambda::Function", ComponentKind.Function, template, SourceSpan.FileStart("main.tf"));

        var fix = rule.Info.FixFor(function);

        Assert.True(rule.Info.NotApplicable.ContainsKey(FixWords.Terraform));
        Assert.Equal(rule.Info.Remediation, fix.Remediation);
        Assert.Equal(rule.Info.Snippet, fix.Snippet);
    }
}
