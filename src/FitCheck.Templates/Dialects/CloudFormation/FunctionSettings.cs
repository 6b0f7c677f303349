using FitCheck.Model;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.CloudFormation;

/// <summary>The settings of a Lambda function, with the Lambda defaults for what is left out.</summary>
internal static class FunctionSettings
{
    public static Function Create(MappingContext context, ResourceEntry r)
    {
        var span = r.Span;
        var sam = r.Type == "AWS::Serverless::Function";
        var logging = r["LoggingConfig"];
        var function = new Function(r.LogicalId, r.Type, context.Template, span)
        {
            Runtime = context.OptionalString(r["Runtime"], span, property: "Runtime"),
            Handler = context.OptionalString(r["Handler"], span, property: "Handler"),
            PackageType = context.String(r["PackageType"], r[sam ? "ImageUri" : "Code"]?["ImageUri"] is not null || (sam && r["ImageUri"] is not null) ? "Image" : "Zip", span, property: "PackageType"),
            MemoryMb = context.Int(r["MemorySize"], AwsDefaults.FunctionMemoryMb, span, property: "MemorySize"),
            TimeoutSeconds = context.Int(r["Timeout"], AwsDefaults.FunctionTimeoutSeconds, span, property: "Timeout"),
            Architecture = ArchitectureOf(context, r["Architectures"], span),
            Tracing = sam ? context.String(r["Tracing"], "Disabled", span, property: "Tracing") : context.String(r["TracingConfig"]?["Mode"], "Disabled", span, property: "Mode"),
            EphemeralStorageMb = context.Int(r["EphemeralStorage"]?["Size"], AwsDefaults.FunctionEphemeralStorageMb, span, property: "Size"),
            ReservedConcurrency = context.OptionalInt(r["ReservedConcurrentExecutions"], span, property: "ReservedConcurrentExecutions"),
            ProvisionedConcurrency = context.OptionalInt(r["ProvisionedConcurrencyConfig"]?["ProvisionedConcurrentExecutions"], span, property: "ProvisionedConcurrentExecutions"),
            AutoPublishAlias = sam ? context.OptionalString(r["AutoPublishAlias"], span, property: "AutoPublishAlias") : new Setting<string?>(null, SettingOrigin.ServiceDefault, span),
            LogFormat = context.String(logging?["LogFormat"], "Text", span, property: "LogFormat"),
            ApplicationLogLevel = logging?["ApplicationLogLevel"] is { } app ? context.OptionalString(app, span) : null,
            SystemLogLevel = logging?["SystemLogLevel"] is { } sys ? context.OptionalString(sys, span) : null,
            AsyncInvoke = new AsyncInvokeSettings
            {
                MaximumRetryAttempts = Setting.Default(AwsDefaults.AsyncMaximumRetryAttempts, span),
                MaximumEventAgeSeconds = Setting.Default(AwsDefaults.AsyncMaximumEventAgeSeconds, span),
            },
        };

        if (sam && r["Runtime"] is null && r["InlineCode"] is null && r["ImageUri"] is null && r["PackageType"]?.Text == "Image")
        {
            function.PackageType = Setting.Explicit("Image", r["PackageType"]!.Span);
        }

        if (r["FileSystemConfigs"] is SequenceNode fs && fs.Items.Count > 0)
        {
            function.FileSystemMounts = fs.Items.Count;
            function.FileSystemSpan = fs.Span;
        }

        function.InVpc = r["VpcConfig"] is not null and not ScalarNode { IsNull: true };
        function.IsDurable = r["DurableConfig"] is MappingNode;

        if (r["Environment"]?["Variables"] is MappingNode variables)
        {
            foreach (var (key, value) in variables.Pairs)
            {
                function.Environment[key.Value] = Variable(context, key.Value, value);
            }
        }

        return function;
    }

    internal static EnvironmentVariable Variable(MappingContext context, string name, TemplateNode value)
    {
        switch (value)
        {
            case ScalarNode s when s.Value.StartsWith("{{resolve:", StringComparison.Ordinal):
                return new EnvironmentVariable(name, null, VariableSource.DynamicReference, value.Span, null);
            case ScalarNode s:
                return new EnvironmentVariable(name, s.Value, VariableSource.Literal, value.Span, null);
            case IntrinsicNode { Name: "Ref", Argument: ScalarNode p } when context.Template.Parameters.TryGetValue(p.Value, out var parameter):
                return new EnvironmentVariable(name, parameter.Default, parameter.NoEcho ? VariableSource.SecretParameter : VariableSource.Parameter, value.Span, null) { Parameter = parameter };
            case IntrinsicNode { Name: "Fn::Sub", Argument: ScalarNode sub } when sub.Value.Contains("{{resolve:", StringComparison.Ordinal):
                return new EnvironmentVariable(name, null, VariableSource.DynamicReference, value.Span, null);
            case IntrinsicNode { Name: "Fn::GetAtt", Argument: SequenceNode { Items: [ScalarNode resource, ScalarNode attribute] } }:
                return new EnvironmentVariable(name, null, VariableSource.Reference, value.Span, null) { Attribute = resource.Value + "." + attribute.Value };
            case IntrinsicNode { Name: "Fn::GetAtt", Argument: ScalarNode dotted }:
                return new EnvironmentVariable(name, null, VariableSource.Reference, value.Span, null) { Attribute = dotted.Value };
            default:
                return new EnvironmentVariable(name, null, VariableSource.Reference, value.Span, null);
        }
    }

    private static Setting<string> ArchitectureOf(MappingContext context, TemplateNode? node, SourceSpan owner)
    {
        if (node is SequenceNode { Items.Count: > 0 } seq)
        {
            var (text, origin) = context.Literal(seq.Items[0]);
            return text is null ? Setting.Unresolved("x86_64", seq.Span) : new Setting<string>(text, origin, seq.Items[0].Span);
        }

        return node is null ? Setting.Default("x86_64", owner) : Setting.Unresolved("x86_64", node.Span);
    }
}
