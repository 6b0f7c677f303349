using FitCheck.Model;
using FitCheck.Templates.Reading;
using static FitCheck.Templates.Dialects.CloudFormation.Nodes;
using static FitCheck.Templates.Dialects.CloudFormation.Wiring;

namespace FitCheck.Templates.Dialects.CloudFormation.Mappers;

/// <summary>API Gateway (REST, HTTP, WebSocket) and AppSync APIs, their routes, stages and features.</summary>
internal static class ApiMappers
{
    private static Setting<bool> NoTracing(ResourceEntry r) => Setting.Default(false, r.Span);

    public static IReadOnlyList<ResourceMapper> All { get; } =
    [
        new(["AWS::Serverless::Api"], (context, r) => new Api(r.LogicalId, r.Type, context.Template, r.Span)
        {
            Protocol = ApiProtocol.Rest,
            TracingEnabled = context.Bool(r["TracingEnabled"], false, r.Span, property: "TracingEnabled"),
        }, Wire: (c, context, r) => SamApi((Api)c, context, r)),
        new(["AWS::Serverless::HttpApi"], (context, r) => new Api(r.LogicalId, r.Type, context.Template, r.Span) { Protocol = ApiProtocol.Http, TracingEnabled = NoTracing(r) },
            Wire: (c, context, r) => SamApi((Api)c, context, r)),
        new(["AWS::Serverless::WebSocketApi"], (context, r) => new Api(r.LogicalId, r.Type, context.Template, r.Span) { Protocol = ApiProtocol.WebSocket, TracingEnabled = NoTracing(r) },
            Wire: (c, context, r) => SamApi((Api)c, context, r)),
        new(["AWS::ApiGateway::RestApi"], (context, r) => new Api(r.LogicalId, r.Type, context.Template, r.Span) { Protocol = ApiProtocol.Rest, TracingEnabled = NoTracing(r) },
            Wire: (c, context, r) => RestApi((Api)c, context, r)),
        new(["AWS::ApiGatewayV2::Api"], (context, r) => new Api(r.LogicalId, r.Type, context.Template, r.Span)
        {
            Protocol = string.Equals(r["ProtocolType"]?.Text, "WEBSOCKET", StringComparison.OrdinalIgnoreCase) ? ApiProtocol.WebSocket : ApiProtocol.Http,
            TracingEnabled = NoTracing(r),
        }, Wire: (c, context, r) => HttpApi((Api)c, context, r)),
        new(["AWS::AppSync::GraphQLApi", "AWS::Serverless::GraphQLApi"], (context, r) => new Api(r.LogicalId, r.Type, context.Template, r.Span)
        {
            Protocol = ApiProtocol.GraphQL,
            TracingEnabled = context.Bool(r["XrayEnabled"], false, r.Span, property: "XrayEnabled"),
            FieldLogLevel = (r["LogConfig"] ?? r["Logging"]) is { } log && log is not MappingNode
                ? Setting.Unresolved<string?>(null, log.Span)
                : context.OptionalString((r["LogConfig"] ?? r["Logging"])?["FieldLogLevel"], r.Span, property: "FieldLogLevel"),
            ExcludeVerboseContent = context.Bool((r["LogConfig"] ?? r["Logging"]) is MappingNode logConfig ? logConfig["ExcludeVerboseContent"] : null, false, r.Span, property: "ExcludeVerboseContent"),
            AuthenticationType = context.OptionalString(r.Type == "AWS::Serverless::GraphQLApi" ? r["Auth"]?["Type"] : r["AuthenticationType"], r.Span,
                property: r.Type == "AWS::Serverless::GraphQLApi" ? "Type" : "AuthenticationType"),
        }, Wire: (c, context, r) => GraphQlApi((Api)c, context, r)),
        new(["AWS::AppSync::Resolver"], ResourceMapper.Plain(ComponentKind.Other), Wire: (_, context, r) => AppSyncResolver(context, r)),
        new(["AWS::AppSync::GraphQLSchema"], ResourceMapper.Plain(ComponentKind.Other), Wire: (_, context, r) => AppSyncSchema(context, r)),
        new(["AWS::ApiGateway::Method"], ResourceMapper.Plain(ComponentKind.Route), Wire: RestMethod),
        ResourceMapper.Kind(ComponentKind.Route, "AWS::ApiGateway::Resource"),
        new(["AWS::ApiGateway::Stage"], ResourceMapper.Plain(ComponentKind.Deployment), Wire: RestStage),
        new(["AWS::ApiGateway::Deployment"], ResourceMapper.Plain(ComponentKind.Deployment), Wire: (_, context, r) => RestDeploymentStage(context, r)),
        new(["AWS::ApiGateway::RequestValidator", "AWS::ApiGateway::UsagePlan", "AWS::ApiGateway::ApiKey", "AWS::ApiGateway::DomainName"],
            ResourceMapper.Plain(ComponentKind.Other), Wire: (_, context, r) => RestFeature(context, r)),
        new(["AWS::ApiGatewayV2::Route"], ResourceMapper.Plain(ComponentKind.Route), Wire: HttpRoute),
        new(["AWS::ApiGatewayV2::Stage"], ResourceMapper.Plain(ComponentKind.Deployment), Wire: HttpStage),
        ResourceMapper.Kind(ComponentKind.Deployment, "AWS::ApiGatewayV2::Deployment"),
        new(["AWS::AppSync::DataSource"], ResourceMapper.Plain(ComponentKind.Other), Wire: AppSyncDataSource),
        new(["AWS::WAFv2::WebACLAssociation"], ResourceMapper.Plain(ComponentKind.WebAcl), Wire: (_, context, r) => WebAclAssociation(context, r)),
    ];

    private static void SamApi(Api api, MappingContext context, ResourceEntry r)
    {
        var span = r.Span;
        if (r.Type == "AWS::Serverless::Api")
        {
            api.TracingEnabled = context.Bool(r["TracingEnabled"], false, span, property: "TracingEnabled");
            if (r["AccessLogSetting"] is MappingNode log)
            {
                api.AccessLog = new AccessLogSettings(log["DestinationArn"] is { } d ? context.Reference(d) : null, log["Format"]?.Text, log.Span);
            }

            api.EndpointType = r["EndpointConfiguration"] is { } ep ? context.OptionalString(ep["Type"] ?? ep, span) : null;
            if (r["CacheClusterEnabled"]?.Text?.Equals("true", StringComparison.OrdinalIgnoreCase) == true)
            {
                api.RestOnlyFeatures.Add(RestFeatures.Of("caching"));
            }

            if (r["Auth"]?["UsagePlan"] is not null || r["Auth"]?["ApiKeyRequired"]?.Text == "true")
            {
                api.RestOnlyFeatures.Add(RestFeatures.Of("usage plan / API keys"));
            }

            api.ApiKeyRequired = string.Equals(r["Auth"]?["ApiKeyRequired"]?.Text, "true", StringComparison.OrdinalIgnoreCase);
            if (r["Auth"]?["UsagePlan"]?["Throttle"] is MappingNode samPlan)
            {
                api.UsagePlanThrottling = new StageThrottling(samPlan["BurstLimit"] is not null, samPlan["RateLimit"] is not null, samPlan.Span);
            }

            if (r["Auth"]?["ResourcePolicy"] is not null)
            {
                api.RestOnlyFeatures.Add(RestFeatures.Of("resource policy"));
            }

            if (api.EndpointType?.Value is "PRIVATE" or "EDGE")
            {
                api.RestOnlyFeatures.Add(RestFeatures.Of(api.EndpointType.Value.ToLowerInvariant() + " endpoint"));
            }

            RestOnlySamFeatures(api, r.Properties);
            api.DefaultThrottling = RestThrottling(r["MethodSettings"]);
        }
        else
        {
            if (r["AccessLogSettings"] is MappingNode log)
            {
                api.AccessLog = new AccessLogSettings(log["DestinationArn"] is { } d ? context.Reference(d) : null, log["Format"]?.Text, log.Span);
            }

            api.DefaultThrottling = HttpThrottling(r["DefaultRouteSettings"]);
        }

        if (r["Auth"]?["DefaultAuthorizer"] is { } auth)
        {
            api.DefaultAuthorizer = context.OptionalString(auth, span);
        }

        var body = r["DefinitionBody"];
        api.HasDefinitionBody = body is not null || r["DefinitionUri"] is not null;
        // An AWS::Include (Fn::Transform) body names a file the routes are in; it is not read.
        if (body is MappingNode openApi)
        {
            OpenApi(api, context, openApi);
        }
    }

    /// <summary>SAM Api properties that only REST APIs support.</summary>
    internal static void RestOnlySamFeatures(Api api, TemplateNode? properties)
    {
        foreach (var (property, feature) in new[]
        {
            ("MinimumCompressionSize", "payload compression"), ("CanarySetting", "canary stage"),
            ("GatewayResponses", "gateway responses"), ("Models", "request models"), ("CacheClusterSize", "caching"),
        })
        {
            if (properties?[property] is not null && !api.RestOnlyFeatures.Contains(RestFeatures.Of(feature)))
            {
                api.RestOnlyFeatures.Add(RestFeatures.Of(feature));
            }
        }

        void Add(string feature)
        {
            if (!api.RestOnlyFeatures.Contains(RestFeatures.Of(feature)))
            {
                api.RestOnlyFeatures.Add(RestFeatures.Of(feature));
            }
        }

        var auth = properties?["Auth"];
        if (auth?["UsagePlan"] is not null || auth?["ApiKeyRequired"]?.Text == "true")
        {
            Add("usage plan / API keys");
        }

        if (auth?["ResourcePolicy"] is not null)
        {
            Add("resource policy");
        }

        if (properties?["CacheClusterEnabled"]?.Text?.Equals("true", StringComparison.OrdinalIgnoreCase) == true)
        {
            Add("caching");
        }

        if (properties?["EndpointConfiguration"] is { } endpoint && (endpoint["Type"] ?? endpoint).Text is "PRIVATE" or "EDGE")
        {
            Add(((endpoint["Type"] ?? endpoint).Text ?? "").ToLowerInvariant() + " endpoint");
        }

        if (properties?["Domain"]?["EndpointConfiguration"]?.Text is "EDGE")
        {
            Add("edge custom domain");
        }

        // Execution logging, caching and data tracing per method exist only on REST stages.
        if (Items(properties?["MethodSettings"]).Any(m => m["LoggingLevel"] is not null || m["CachingEnabled"] is not null || m["DataTraceEnabled"] is not null))
        {
            api.RestOnlyFeatures.Add(RestFeatures.Of("execution logging or caching in MethodSettings"));
        }

        // Lambda authorizers default to the TOKEN payload, which HTTP APIs do not support.
        if (properties?["Auth"]?["Authorizers"] is MappingNode authorizers
            && authorizers.Pairs.Any(a => a.Value["FunctionArn"] is not null && !string.Equals(a.Value["FunctionPayloadType"]?.Text, "REQUEST", StringComparison.OrdinalIgnoreCase)))
        {
            api.RestOnlyFeatures.Add(RestFeatures.Of("TOKEN Lambda authorizer"));
        }
    }

    /// <summary>The MethodSettings entry for every method and path (<c>*</c>, <c>/*</c>), when there is one.</summary>
    internal static StageThrottling? RestThrottling(TemplateNode? methodSettings)
    {
        foreach (var item in Items(methodSettings))
        {
            if (item["HttpMethod"]?.Text == "*" && item["ResourcePath"]?.Text == "/*")
            {
                return new StageThrottling(item["ThrottlingBurstLimit"] is not null, item["ThrottlingRateLimit"] is not null, item.Span);
            }
        }

        return null;
    }

    /// <summary>The DefaultRouteSettings of an HTTP API stage, when set.</summary>
    internal static StageThrottling? HttpThrottling(TemplateNode? defaultRouteSettings) => defaultRouteSettings is MappingNode m
        ? new StageThrottling(m["ThrottlingBurstLimit"] is not null, m["ThrottlingRateLimit"] is not null, m.Span)
        : null;

    /// <summary>The mapped value of X-Amz-Invocation-Type: the literal <c>'Event'</c> makes Lambda run the function asynchronously.</summary>
    private static bool IsEventInvocation(TemplateNode? header) =>
        header?.Text is { } text && text.Trim().Trim('\'', '"').Equals("Event", StringComparison.OrdinalIgnoreCase);

    /// <summary>Routes and integrations of an OpenAPI body (<c>x-amazon-apigateway-integration</c>).</summary>
    private static void OpenApi(Api api, MappingContext context, MappingNode body)
    {
        if (body["x-amazon-apigateway-request-validators"] is not null || body["x-amazon-apigateway-request-validator"] is not null)
        {
            api.HasRequestValidator = true;
            api.RestOnlyFeatures.Add(RestFeatures.Of("request validation"));
        }

        if (body["paths"] is not MappingNode paths)
        {
            return;
        }

        var globalSecurity = body["security"] is SequenceNode { Items.Count: > 0 };
        foreach (var (path, operations) in paths.Pairs)
        {
            if (operations is not MappingNode ops)
            {
                continue;
            }

            foreach (var (method, operation) in ops.Pairs)
            {
                var integration = operation["x-amazon-apigateway-integration"];
                if (integration is null)
                {
                    continue;
                }

                var target = integration["uri"] is { } uri ? context.FunctionTarget(context.Reference(uri).Target) : null;
                target ??= context.ReferencedComponents(integration).FirstOrDefault(c => c is Function or StateMachine or Queue or Topic or Table or EventBus);
                var type = integration["type"]?.Text?.ToLowerInvariant();
                var secured = operation["security"] is SequenceNode { Items.Count: > 0 } || globalSecurity;
                var route = new ApiRoute(method.Value.ToUpperInvariant(), path.Value,
                    secured ? Setting.Explicit<string?>("openapi-security", method.Span) : new Setting<string?>(null, SettingOrigin.ServiceDefault, method.Span),
                    target, type, method.Span)
                {
                    InvokesAsynchronously = IsEventInvocation(integration["requestParameters"]?["integration.request.header.X-Amz-Invocation-Type"]),
                    HasRequestValidation = operation["x-amazon-apigateway-request-validator"] is not null || api.HasRequestValidator,
                    IntegrationTimeoutMs = integration["timeoutInMillis"] is { } ms ? context.Int(ms, AwsDefaults.RestIntegrationTimeoutMs, operation.Span) : null,
                };
                api.Routes.Add(route);
                if (target is not null)
                {
                    ApiToTarget(context, api, target, type, method.Span, $"{route.Method} {route.Path}");
                }
            }
        }
    }

    private static void ApiToTarget(MappingContext context, Api api, Component target, string? integrationType, SourceSpan span, string via)
    {
        var kind = target switch
        {
            Function => FlowKind.Invokes,
            StateMachine => FlowKind.Triggers,
            Queue or Topic or EventBus or DataStream => FlowKind.Publishes,
            Table => FlowKind.Writes,
            _ => FlowKind.Invokes,
        };
        var mode = kind == FlowKind.Invokes ? DeliveryMode.Synchronous : DeliveryMode.ServiceDelivery;
        var ev = new EventSource(via, new Delivery(mode, api.Protocol == ApiProtocol.Rest ? EventSourceKind.RestApi : EventSourceKind.HttpApi), api, api.LogicalId, span);
        if (target is Function or StateMachine)
        {
            AddEvent(context, api, target, kind, ev);
        }
        else
        {
            AddFlow(context, new Flow(api, target, kind, span, via + (integrationType is null ? "" : $" ({integrationType})")));
        }
    }

    private static void RestApi(Api api, MappingContext context, ResourceEntry r)
    {
        api.HasDefinitionBody = r["Body"] is not null || r["BodyS3Location"] is not null;
        api.EndpointType = r["EndpointConfiguration"]?["Types"] is SequenceNode { Items.Count: > 0 } types
            ? context.OptionalString(types.Items[0], r.Span)
            : null;
        if (api.EndpointType?.Value is "PRIVATE" or "EDGE")
        {
            api.RestOnlyFeatures.Add(RestFeatures.Of(api.EndpointType.Value.ToLowerInvariant() + " endpoint"));
        }

        if (r["Body"] is MappingNode body)
        {
            OpenApi(api, context, body);
        }
    }

    private static void RestMethod(Component method, MappingContext context, ResourceEntry r)
    {
        if (r["RestApiId"] is not { } apiId || context.Reference(apiId).Target is not Api api)
        {
            return;
        }

        var verb = (r["HttpMethod"]?.Text ?? "ANY").ToUpperInvariant();
        var path = r["ResourceId"] is { } res ? ResourcePath(context, res) : "/";
        var integration = r["Integration"];
        var target = integration?["Uri"] is { } uri ? context.FunctionTarget(context.Reference(uri).Target) : null;
        target ??= context.ReferencedComponents(integration).FirstOrDefault(c => c is Function or StateMachine or Queue or Topic or Table or EventBus or DataStream);
        var authorization = context.OptionalString(r["AuthorizationType"], r.Span, property: "AuthorizationType");
        if (authorization.Origin == SettingOrigin.ServiceDefault)
        {
            authorization = authorization with { Value = "NONE" };
        }

        var validated = r["RequestValidatorId"] is not null;
        if (validated)
        {
            api.HasRequestValidator = true;
        }

        if (r["ApiKeyRequired"]?.Text?.Equals("true", StringComparison.OrdinalIgnoreCase) == true)
        {
            api.RestOnlyFeatures.Add(RestFeatures.Of("API keys"));
        }

        var type = integration?["Type"]?.Text?.ToLowerInvariant();
        api.Routes.Add(new ApiRoute(verb, path, authorization, target, type, r.Span)
        {
            HasRequestValidation = validated,
            ApiKeyRequired = string.Equals(r["ApiKeyRequired"]?.Text, "true", StringComparison.OrdinalIgnoreCase),
            InvokesAsynchronously = IsEventInvocation(integration?["RequestParameters"]?["integration.request.header.X-Amz-Invocation-Type"]),
            IntegrationTimeoutMs = integration?["TimeoutInMillis"] is { } ms ? context.Int(ms, AwsDefaults.RestIntegrationTimeoutMs, r.Span) : null,
        });
        if (target is not null && verb != "OPTIONS")
        {
            ApiToTarget(context, api, target, type, r.Span, $"{verb} {path}");
        }
    }

    private static string ResourcePath(MappingContext context, TemplateNode resourceId)
    {
        var segments = new List<string>();
        var current = context.Reference(resourceId).Target;
        var guard = 0;
        while (current is not null && current.Type == "AWS::ApiGateway::Resource" && guard++ < 64)
        {
            var body = context.Resources?[current.LogicalId]?["Properties"];
            segments.Insert(0, body?["PathPart"]?.Text ?? "?");
            current = body?["ParentId"] is { } parent ? context.Reference(parent).Target : null;
        }

        return "/" + string.Join('/', segments);
    }

    private static void RestStage(Component stage, MappingContext context, ResourceEntry r)
    {
        if (r["RestApiId"] is not { } apiId || context.Reference(apiId).Target is not Api api)
        {
            return;
        }

        api.Stages.Add(stage);
        api.TracingEnabled = context.Bool(r["TracingEnabled"], false, r.Span, property: "TracingEnabled");
        if (r["AccessLogSetting"] is MappingNode log)
        {
            api.AccessLog = new AccessLogSettings(log["DestinationArn"] is { } d ? context.Reference(d) : null, log["Format"]?.Text, log.Span);
        }

        if (r["CacheClusterEnabled"]?.Text?.Equals("true", StringComparison.OrdinalIgnoreCase) == true)
        {
            api.RestOnlyFeatures.Add(RestFeatures.Of("caching"));
        }

        api.DefaultThrottling ??= RestThrottling(r["MethodSettings"]);
    }

    // A Deployment's StageDescription configures the stage it creates (StageName), like a Stage resource.
    private static void RestDeploymentStage(MappingContext context, ResourceEntry r)
    {
        if (r["StageDescription"] is not MappingNode stage || r["RestApiId"] is not { } apiId || context.Reference(apiId).Target is not Api api)
        {
            return;
        }

        if (stage["TracingEnabled"] is { } tracing)
        {
            api.TracingEnabled = context.Bool(tracing, false, r.Span);
        }

        if (stage["AccessLogSetting"] is MappingNode log)
        {
            api.AccessLog = new AccessLogSettings(log["DestinationArn"] is { } d ? context.Reference(d) : null, log["Format"]?.Text, log.Span);
        }
    }

    private static void RestFeature(MappingContext context, ResourceEntry r)
    {
        var apiNode = r["RestApiId"] ?? (r["ApiStages"] is SequenceNode { Items.Count: > 0 } stages ? stages.Items[0]["ApiId"] : null);
        if (apiNode is null || context.Reference(apiNode).Target is not Api api)
        {
            return;
        }

        switch (r.Type)
        {
            case "AWS::ApiGateway::RequestValidator":
                api.HasRequestValidator = true;
                api.RestOnlyFeatures.Add(RestFeatures.Of("request validation"));
                break;
            case "AWS::ApiGateway::UsagePlan":
            case "AWS::ApiGateway::ApiKey":
                api.RestOnlyFeatures.Add(RestFeatures.Of("usage plan / API keys"));
                if (r.Type == "AWS::ApiGateway::UsagePlan" && r["Throttle"] is MappingNode throttle)
                {
                    api.UsagePlanThrottling = new StageThrottling(throttle["BurstLimit"] is not null, throttle["RateLimit"] is not null, throttle.Span);
                }

                break;
        }
    }

    private static void HttpApi(Api api, MappingContext context, ResourceEntry r)
    {
        api.HasDefinitionBody = r["Body"] is not null || r["BodyS3Location"] is not null;
        if (r["Target"] is { } quick && context.FunctionTarget(context.Reference(quick).Target) is { } target)
        {
            api.Routes.Add(new ApiRoute("ANY", r["RouteKey"]?.Text ?? "$default", new Setting<string?>(null, SettingOrigin.ServiceDefault, r.Span), target, "aws_proxy", r.Span));
            ApiToTarget(context, api, target, "aws_proxy", quick.Span, "quick create");
        }

        if (r["Body"] is MappingNode body)
        {
            OpenApi(api, context, body);
        }
    }

    private static void HttpRoute(Component route, MappingContext context, ResourceEntry r)
    {
        if (r["ApiId"] is not { } apiId || context.Reference(apiId).Target is not Api api)
        {
            return;
        }

        var key = r["RouteKey"]?.Text ?? "$default";
        var parts = key.Split(' ', 2);
        var (method, path) = parts.Length == 2 ? (parts[0], parts[1]) : ("ANY", key);
        Component? target = null;
        string? type = null;
        if (r["Target"] is { } targetNode)
        {
            // Target: integrations/<IntegrationId>, written with Join or Sub around a Ref to the integration.
            var integration = context.ReferencedComponents(targetNode).FirstOrDefault(c => c.Type == "AWS::ApiGatewayV2::Integration");
            if (integration is not null && context.Resources?[integration.LogicalId]?["Properties"] is MappingNode ip)
            {
                type = ip["IntegrationType"]?.Text?.ToLowerInvariant();
                target = ip["IntegrationUri"] is { } uri ? context.FunctionTarget(context.Reference(uri).Target) : null;
                target ??= context.ReferencedComponents(ip["RequestParameters"]).FirstOrDefault(c => c is Queue or Topic or StateMachine or EventBus or DataStream);
            }
        }

        var authorization = context.OptionalString(r["AuthorizationType"], r.Span, property: "AuthorizationType");
        if (authorization.Origin == SettingOrigin.ServiceDefault)
        {
            authorization = authorization with { Value = "NONE" };
        }

        api.Routes.Add(new ApiRoute(method, path, authorization, target, type, r.Span));
        if (target is not null)
        {
            ApiToTarget(context, api, target, type, r.Span, key);
        }
    }

    private static void HttpStage(Component stage, MappingContext context, ResourceEntry r)
    {
        if (r["ApiId"] is not { } apiId || context.Reference(apiId).Target is not Api api)
        {
            return;
        }

        api.Stages.Add(stage);
        if (r["AccessLogSettings"] is MappingNode log)
        {
            api.AccessLog = new AccessLogSettings(log["DestinationArn"] is { } d ? context.Reference(d) : null, log["Format"]?.Text, log.Span);
        }

        api.DefaultThrottling ??= HttpThrottling(r["DefaultRouteSettings"]);
    }

    private static void AppSyncDataSource(Component dataSource, MappingContext context, ResourceEntry r)
    {
        if (r["ApiId"] is not { } apiId || context.Reference(apiId).Target is not Api api)
        {
            return;
        }

        foreach (var target in context.ReferencedComponents(r.Properties).Where(c => c is Function or Table or StateMachine or EventBus))
        {
            var kind = target is Table ? FlowKind.Writes : target is EventBus ? FlowKind.Publishes : FlowKind.Invokes;
            if (target is Function or StateMachine)
            {
                AddEvent(context, api, target, kind, new EventSource(dataSource.LogicalId, new Delivery(DeliveryMode.Synchronous, EventSourceKind.AppSync), api, api.LogicalId, r.Span), dataSource);
            }
            else
            {
                AddFlow(context, new Flow(api, target, kind, r.Span, "data source " + dataSource.LogicalId) { Binding = dataSource });
            }
        }
    }

    /// <summary>AppSync: additional authorization modes, and (SAM) the schema and resolvers written on the API.</summary>
    private static void GraphQlApi(Api api, MappingContext context, ResourceEntry r)
    {
        var sam = r.Type == "AWS::Serverless::GraphQLApi";
        var additional = sam ? r["Auth"]?["Additional"] : r["AdditionalAuthenticationProviders"];
        if (additional is SequenceNode providers)
        {
            foreach (var provider in providers.Items)
            {
                api.AdditionalAuthenticationTypes.Add(context.Literal(sam ? provider["Type"] : provider["AuthenticationType"]).Text ?? "?");
            }
        }
        else if (additional is not null)
        {
            api.AdditionalAuthenticationTypes.Add("?");
        }

        // Terraform writes the schema on the API (schema); SAM in SchemaInline.
        api.SchemaHasMutations = HasMutationType(r["Schema"]?.Text ?? r["SchemaInline"]?.Text);
        if (sam)
        {
            if (r["Resolvers"]?["Mutation"] is MappingNode mutations)
            {
                foreach (var (field, _) in mutations.Pairs)
                {
                    api.MutationResolvers.Add((field.Value, field.Span));
                }
            }
        }
    }

    private static void AppSyncResolver(MappingContext context, ResourceEntry r)
    {
        if (r["ApiId"] is { } apiId && context.Reference(apiId).Target is Api api
            && string.Equals(context.Literal(r["TypeName"]).Text, "Mutation", StringComparison.Ordinal))
        {
            api.MutationResolvers.Add((context.Literal(r["FieldName"]).Text ?? "?", r.Span));
        }
    }

    private static void AppSyncSchema(MappingContext context, ResourceEntry r)
    {
        if (r["ApiId"] is { } apiId && context.Reference(apiId).Target is Api api && HasMutationType(r["Definition"]?.Text))
        {
            api.SchemaHasMutations = true;
        }
    }

    private static bool HasMutationType(string? schema) =>
        schema is not null && System.Text.RegularExpressions.Regex.IsMatch(schema, @"(^|\s)type\s+Mutation\b|mutation\s*:\s*\w+");

    private static void WebAclAssociation(MappingContext context, ResourceEntry r)
    {
        foreach (var api in context.ReferencedComponents(r["ResourceArn"]).OfType<Api>())
        {
            api.HasWebAcl = true;
            api.RestOnlyFeatures.Add(RestFeatures.Of("AWS WAF"));
        }

        foreach (var stage in context.ReferencedComponents(r["ResourceArn"]).Where(c => c.Kind == ComponentKind.Deployment))
        {
            foreach (var api in context.Architecture.OfType<Api>().Where(a => a.Stages.Contains(stage)))
            {
                api.HasWebAcl = true;
                api.RestOnlyFeatures.Add(RestFeatures.Of("AWS WAF"));
            }
        }
    }
}
