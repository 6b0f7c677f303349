using FitCheck.Model;

namespace FitCheck.Rules;

/// <summary>Renders settings with their unit for messages: "defaults to 3 s", "120 s (inherited from Globals)".</summary>
internal static class SettingText
{
    public static string WithUnit<T>(this Setting<T> setting, string unit) => setting.Origin switch
    {
        SettingOrigin.ServiceDefault => $"defaults to {setting.Value} {unit}",
        SettingOrigin.Globals => $"{setting.Value} {unit} (inherited from Globals)",
        SettingOrigin.ParameterDefault => $"{setting.Value} {unit} (parameter default)",
        SettingOrigin.Unresolved => "unresolved",
        _ => $"{setting.Value} {unit}",
    };

    /// <summary><see cref="WithUnit{T}(Setting{T}, string)"/> in the words of <paramref name="resource"/>'s input:
    /// "(inherited from provider)" in serverless.yml, "(variable default)" in Terraform.</summary>
    public static string WithUnit<T>(this Setting<T> setting, string unit, Component resource) => setting.Origin switch
    {
        SettingOrigin.ServiceDefault => $"defaults to {setting.Value} {unit}",
        SettingOrigin.Unresolved => "unresolved",
        _ => $"{setting.Value} {unit}{resource.OriginNote(setting.Origin)}",
    };
}
