namespace FitCheck.Rules.State;

/// <summary>Where a Step Functions definition is written, per dialect, for fix texts: the states read the same everywhere.</summary>
internal static class WorkflowFixes
{
    /// <summary>The fixes of a rule whose change is inside the definition: the same states, placed as each dialect writes a definition.</summary>
    public static Dictionary<string, RuleFix> For(string remediation, string states, string terraformStates)
    {
        var indented = string.Join('\n', states.Split('\n').Select(l => l.Length == 0 ? l : "        " + l));
        var serverless = string.Join('\n', states.Split('\n').Select(l => l.Length == 0 ? l : "          " + l));
        return new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.CloudFormation] = new(remediation + " (in the AWS::StepFunctions::StateMachine's Definition or DefinitionString).",
                "OrdersWorkflow:\n  Type: AWS::StepFunctions::StateMachine\n  Properties:\n    Definition:\n      States:\n" + indented),
            [FixWords.Terraform] = new(remediation + " (in the aws_sfn_state_machine's definition, usually jsonencode of the states).",
                "resource \"aws_sfn_state_machine\" \"orders\" {\n  definition = jsonencode({\n    States = {\n" +
                string.Join('\n', terraformStates.Split('\n').Select(l => l.Length == 0 ? l : "      " + l)) + "\n    }\n  })\n}"),
            [FixWords.Serverless] = new(remediation + " (in the state machine's definition under stepFunctions.stateMachines).",
                "stepFunctions:\n  stateMachines:\n    orders:\n      definition:\n        States:\n" + serverless),
        };
    }
}
