namespace FitCheck.Model;

/// <summary>A Cognito user pool.</summary>
public sealed class UserPool(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.UserPool, template, span)
{
    /// <summary>OFF (the default), ON or OPTIONAL (<c>MfaConfiguration</c>).</summary>
    public Setting<string> MfaConfiguration { get; set; } = new("OFF", SettingOrigin.ServiceDefault, span);
}

/// <summary>A Cognito user pool app client.</summary>
public sealed class UserPoolClient(string logicalId, string type, TemplateInfo template, SourceSpan span)
    : Component(logicalId, type, ComponentKind.Other, template, span)
{
    /// <summary>The pool the client belongs to, as written.</summary>
    public ComponentRef? Pool { get; set; }
    /// <summary>The authentication flows the client allows (<c>ExplicitAuthFlows</c>), each with where it is written;
    /// empty when left out (Cognito then allows SRP and refresh-token flows).</summary>
    public List<Setting<string>> ExplicitAuthFlows { get; } = [];
}
