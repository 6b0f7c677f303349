using FitCheck.Model;

namespace FitCheck.Rules;

/// <summary>Phrases a setting for a message with <see cref="Setting{T}.Describe"/>: "defaults to Disabled",
/// "is PassThrough (inherited from Globals)"; booleans read "false" rather than "False".</summary>
internal static class SettingWording
{
    public static string Is<T>(this Setting<T> setting)
    {
        var text = setting is Setting<bool> flag
            ? new Setting<string>(flag.Value ? "true" : "false", flag.Origin, flag.Span).Describe()
            : setting.Describe();
        return setting.Origin == SettingOrigin.ServiceDefault ? text : "is " + text;
    }

    /// <summary><see cref="Is{T}(Setting{T})"/> in the words of <paramref name="resource"/>'s input: "(inherited from provider)"
    /// in serverless.yml.</summary>
    public static string Is<T>(this Setting<T> setting, Component resource)
    {
        var text = setting is Setting<bool> flag
            ? new Setting<string>(flag.Value ? "true" : "false", flag.Origin, flag.Span).Describe(resource)
            : setting.Describe(resource);
        return setting.Origin == SettingOrigin.ServiceDefault ? text : "is " + text;
    }
}
