using FitCheck.Model;
using FitCheck.Templates.Dialects.CloudFormation;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.Serverless;

/// <summary>
/// Models a Serverless Framework service: the service is written as the SAM template it stands for (see
/// <see cref="ServerlessTemplate"/>), the shared mappers build the architecture, and what the framework does differently
/// from SAM is applied afterwards: its defaults (1024 MB, 6 s) and the events SAM has no type for.
/// </summary>
public static class ServerlessArchitecture
{
    /// <summary>The framework's memory when neither the function nor <c>provider</c> sets <c>memorySize</c>.</summary>
    public const int DefaultMemoryMb = 1024;

    /// <summary>The framework's timeout when neither the function nor <c>provider</c> sets <c>timeout</c>.</summary>
    public const int DefaultTimeoutSeconds = 6;

    /// <summary>Builds the architecture of a service read by <see cref="ServerlessReader"/>.</summary>
    public static Architecture Build(ServerlessReadResult read, string? scanRoot = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (read.Service is not { } service)
        {
            var empty = new Architecture(new TemplateInfo(read.Path, "yaml"));
            empty.Diagnostics.AddRange(read.Diagnostics);
            return empty;
        }

        var diagnostics = new List<Diagnostic>(read.Diagnostics);
        var (root, template) = ServerlessTemplate.Build(service, diagnostics);
        var architecture = ArchitectureBuilder.Build(new TemplateDocument(service.Path, "yaml", root, diagnostics), null, scanRoot, DialectIds.Serverless);
        architecture.Template.IsSam = false;
        architecture.Template.Description = service.Root["description"]?.Text ?? architecture.Template.Description;
        architecture.Template.ResourceCount = service.Resources?.Count ?? 0;

        foreach (var function in service.Functions)
        {
            if (architecture.Find(template.FunctionIds[function.Key]) is not Function f)
            {
                continue;
            }

            if (f.MemoryMb.Origin == SettingOrigin.ServiceDefault)
            {
                f.MemoryMb = Setting.Default(DefaultMemoryMb, function.Span);
            }

            if (f.TimeoutSeconds.Origin == SettingOrigin.ServiceDefault)
            {
                f.TimeoutSeconds = Setting.Default(DefaultTimeoutSeconds, function.Span);
            }
        }

        foreach (var (functionId, ev) in template.OtherEvents)
        {
            if (architecture.Find(functionId) is Function f)
            {
                var mode = ev.Kind is ServerlessEventKind.Alb or ServerlessEventKind.AlexaSmartHome or ServerlessEventKind.CloudFront
                    ? DeliveryMode.Synchronous
                    : DeliveryMode.Asynchronous;
                f.Events.Add(new EventSource(ev.Type + (ev.Index + 1), new Delivery(mode, EventSourceKind.Other) { Source = ev.Type }, null, ev.Source?.Text ?? ev.Type, ev.Span));
            }
        }

        return architecture;
    }
}
