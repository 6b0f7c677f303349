using FitCheck.Model;
using FitCheck.Templates.Reading;
using static FitCheck.Templates.Dialects.CloudFormation.Nodes;
using static FitCheck.Templates.Dialects.CloudFormation.Wiring;

namespace FitCheck.Templates.Dialects.CloudFormation.Mappers;

/// <summary>Log groups, alarms (composite too) and dashboards.</summary>
internal static class ObservabilityMappers
{
    public static IReadOnlyList<ResourceMapper> All { get; } =
    [
        new(["AWS::Logs::LogGroup"], (context, r) => new LogGroup(r.LogicalId, r.Type, context.Template, r.Span)
        {
            RetentionDays = context.OptionalInt(r["RetentionInDays"], r.Span, property: "RetentionInDays"),
        }, "LogGroupName", (c, context, r) => LogGroupOwner((LogGroup)c, context, r)),
        new(["AWS::CloudWatch::Alarm"], (context, r) => new Alarm(r.LogicalId, r.Type, context.Template, r.Span)
        {
            MetricName = r["MetricName"]?.Text,
            Namespace = r["Namespace"]?.Text,
        }, "AlarmName", (c, context, r) => AlarmWatches((Alarm)c, context, r)),
        new(["AWS::CloudWatch::CompositeAlarm"], (context, r) => new Alarm(r.LogicalId, r.Type, context.Template, r.Span) { IsComposite = true },
            Wire: (c, context, r) =>
            {
                ((Alarm)c).ActionCount = (r["AlarmActions"] as SequenceNode)?.Items.Count ?? 0;
                ((Alarm)c).Watches.AddRange(context.ReferencedComponents(r["AlarmRule"]).OfType<Alarm>());
            }),
        ResourceMapper.Kind(ComponentKind.Dashboard, "AWS::CloudWatch::Dashboard"),
    ];

    private static void LogGroupOwner(LogGroup group, MappingContext context, ResourceEntry r)
    {
        var nameNode = r["LogGroupName"];
        if (nameNode is null)
        {
            return;
        }

        var (text, _) = context.Literal(nameNode);
        group.LogGroupName = text ?? MappingContext.Render(nameNode);

        // /aws/lambda/<function name>, written literally or as !Sub /aws/lambda/${Function}.
        if (text?.StartsWith("/aws/lambda/", StringComparison.Ordinal) == true)
        {
            group.ForFunction = context.FindByPhysicalName(text["/aws/lambda/".Length..]) as Function;
        }
        else if (group.LogGroupName.Contains("aws/lambda", StringComparison.Ordinal) || MentionsLambdaPrefix(nameNode))
        {
            group.ForFunction = context.ReferencedComponents(nameNode).OfType<Function>().FirstOrDefault()
                ?? (SubstitutedName(context, nameNode) is { } name && name.StartsWith("/aws/lambda/", StringComparison.Ordinal)
                    ? context.FindByPhysicalName(name["/aws/lambda/".Length..]) as Function
                    : null);
        }
        else if (group.LogGroupName.Contains("/aws/vendedlogs/states", StringComparison.Ordinal) || group.LogGroupName.Contains("states", StringComparison.OrdinalIgnoreCase))
        {
            group.ForFunction = context.ReferencedComponents(nameNode).OfType<StateMachine>().FirstOrDefault();
        }
    }

    // !Join ["", ["/aws/lambda/", !Ref Function]]: a literal part names the Lambda log group prefix.
    private static bool MentionsLambdaPrefix(TemplateNode node) => node is IntrinsicNode { Name: "Fn::Join", Argument: SequenceNode { Items.Count: 2 } join }
        && join.Items[1] is SequenceNode parts && parts.Items.Any(p => p is ScalarNode s && s.Value.Contains("aws/lambda", StringComparison.Ordinal));

    // !Sub ["/aws/lambda/${Name}", {Name: my-function}]: the name with literal variables substituted; null when one is not literal.
    private static string? SubstitutedName(MappingContext context, TemplateNode node)
    {
        if (node is not IntrinsicNode { Name: "Fn::Sub", Argument: SequenceNode { Items.Count: 2 } seq } || seq.Items[0].Text is not { } format || seq.Items[1] is not MappingNode variables)
        {
            return null;
        }

        foreach (var (key, value) in variables.Pairs)
        {
            if (context.Literal(value).Text is not { } literal)
            {
                return null;
            }

            format = format.Replace("${" + key.Value + "}", literal, StringComparison.Ordinal);
        }

        return format.Contains("${", StringComparison.Ordinal) ? null : format;
    }

    private static void AlarmWatches(Alarm alarm, MappingContext context, ResourceEntry r)
    {
        alarm.ActionCount = (r["AlarmActions"] as SequenceNode)?.Items.Count ?? (r["AlarmActions"] is null ? 0 : 1);
        foreach (var c in context.ReferencedComponents(r["Dimensions"]))
        {
            alarm.Watches.Add(context.FunctionTarget(c)!);
        }

        if (r["Metrics"] is SequenceNode metrics)
        {
            foreach (var metric in metrics.Items)
            {
                var stat = metric["MetricStat"]?["Metric"];
                alarm.MetricName ??= stat?["MetricName"]?.Text;
                alarm.Namespace ??= stat?["Namespace"]?.Text;
                foreach (var c in context.ReferencedComponents(stat?["Dimensions"]))
                {
                    if (!alarm.Watches.Contains(c))
                    {
                        alarm.Watches.Add(context.FunctionTarget(c)!);
                    }
                }
            }
        }

        // Dimensions given as literal names (FunctionName: my-fn, QueueName: orders).
        foreach (var dimension in Items(r["Dimensions"]))
        {
            if (context.Literal(dimension["Value"]).Text is { } name && context.FindByPhysicalName(name) is { } c && !alarm.Watches.Contains(c))
            {
                alarm.Watches.Add(c);
            }
        }
    }
}
