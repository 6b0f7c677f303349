namespace FitCheck.Templates.Mapping;

[Flags]
public enum ActionEffect { None = 0, Read = 1, Write = 2, Publish = 4, Invoke = 8, StartExecution = 16, Deploy = 32, Admin = 64 }

public static class ActionClassifier
{
    public static ActionEffect Classify(string action)
    {
        var a = action.ToLowerInvariant();
        if (a == "*") return ActionEffect.Admin | ActionEffect.Read | ActionEffect.Write | ActionEffect.Publish | ActionEffect.Invoke | ActionEffect.StartExecution | ActionEffect.Deploy;
        if (a.EndsWith(":*", StringComparison.Ordinal)) return ActionEffect.Read | ActionEffect.Write | ActionEffect.Publish | ActionEffect.Invoke | ActionEffect.StartExecution;
        if (a.Contains("invoke", StringComparison.Ordinal)) return ActionEffect.Invoke;
        if (a.Contains("startexecution", StringComparison.Ordinal) || a.Contains("startsyncexecution", StringComparison.Ordinal)) return ActionEffect.StartExecution;
        if (a.Contains("sendmessage", StringComparison.Ordinal) || a.EndsWith(":publish", StringComparison.Ordinal) || a.Contains("putevents", StringComparison.Ordinal) || a.Contains("putrecord", StringComparison.Ordinal)) return ActionEffect.Publish;
        var verb = a[(a.IndexOf(':', StringComparison.Ordinal) + 1)..];
        if (verb.StartsWith("get", StringComparison.Ordinal) || verb.StartsWith("query", StringComparison.Ordinal) || verb.StartsWith("scan", StringComparison.Ordinal) || verb.StartsWith("batchget", StringComparison.Ordinal) || verb.StartsWith("list", StringComparison.Ordinal) || verb.StartsWith("receive", StringComparison.Ordinal) || verb.StartsWith("describe", StringComparison.Ordinal) || verb == "decrypt") return ActionEffect.Read;
        if (verb.StartsWith("put", StringComparison.Ordinal) || verb.StartsWith("update", StringComparison.Ordinal) || verb.StartsWith("delete", StringComparison.Ordinal) || verb.StartsWith("batchwrite", StringComparison.Ordinal) || verb.StartsWith("conditioncheck", StringComparison.Ordinal)) return ActionEffect.Write;
        return ActionEffect.None;
    }
}
