namespace FitCheck.Model;

/// <summary>Where a configured value came from.</summary>
public enum SettingOrigin
{
    /// <summary>Written on the resource itself.</summary>
    Explicit,
    /// <summary>Inherited from the SAM <c>Globals</c> section.</summary>
    Globals,
    /// <summary>A <c>Ref</c> to a template parameter, resolved to its default.</summary>
    ParameterDefault,
    /// <summary>Left out: the AWS service default applies.</summary>
    ServiceDefault,
    /// <summary>Depends on something only known at deploy time; rules stay silent.</summary>
    Unresolved,
}

/// <summary>A configured value, with where it came from and where it is written.</summary>
public sealed record Setting<T>(T Value, SettingOrigin Origin, SourceSpan Span)
{
    /// <summary>The name of the property the value comes from (or would be written in), in the words of the input's dialect:
    /// <c>FunctionResponseTypes</c> in CloudFormation, <c>function_response_types</c> in Terraform; null when the mapper did not say.</summary>
    public string? Property { get; init; }

    /// <summary>True unless the value is only known at deploy time.</summary>
    public bool IsKnown => Origin is not SettingOrigin.Unresolved;

    /// <summary>True when the user wrote the value (on the resource, in Globals or through a parameter).</summary>
    public bool IsConfigured => Origin is SettingOrigin.Explicit or SettingOrigin.Globals or SettingOrigin.ParameterDefault;

    /// <summary>Describes the origin for messages: "defaults to 3", "inherited from Globals".</summary>
    public string Describe() => Origin switch
    {
        SettingOrigin.ServiceDefault => $"defaults to {Value}",
        SettingOrigin.Globals => $"{Value} (inherited from Globals)",
        SettingOrigin.ParameterDefault => $"{Value} (parameter default)",
        SettingOrigin.Unresolved => "unresolved",
        _ => $"{Value}",
    };
}

/// <summary>Helpers to build settings.</summary>
public static class Setting
{
    public static Setting<T> Default<T>(T value, SourceSpan span) => new(value, SettingOrigin.ServiceDefault, span);
    public static Setting<T> Explicit<T>(T value, SourceSpan span) => new(value, SettingOrigin.Explicit, span);
    public static Setting<T> Unresolved<T>(T placeholder, SourceSpan span) => new(placeholder, SettingOrigin.Unresolved, span);
}
