using FitCheck.Model;

namespace FitCheck.Rules.Security;

/// <summary>Function roles hold what the code needs at run time, not the permissions to change the deployment.</summary>
public sealed class RuntimeRolesHoldNoDeployPermissions : IRule
{
    public RuleInfo Info { get; } = new(
        Id: "FC2004",
        Slug: "runtime-roles-hold-no-deploy-permissions",
        Title: "Function roles do not hold deployment permissions",
        Section: Section.Security,
        Severity: Severity.Warning,
        Rationale: "IAM writes, iam:PassRole on any role, CloudFormation, Lambda code and configuration changes, CodeDeploy and API " +
                   "Gateway writes are what a pipeline needs, not a request handler. A function holding them can rewrite its own " +
                   "permissions or code, turning one injection bug into an account takeover.",
        Remediation: "Move deployment actions to the pipeline's role; keep the function's role to the data-plane actions its code calls.",
        Snippet: """
            Policies:
              - Statement:
                  - Effect: Allow
                    Action: [lambda:InvokeFunction]
                    Resource: !GetAtt Worker.Arn
            """,
        Equivalents: ["checkov:CKV_AWS_109", "checkov:CKV_AWS_110"],
        Pillar: "security")
    {
        SecuritySeverity = 7.0,
        Fixes = new Dictionary<string, RuleFix>(StringComparer.Ordinal)
        {
            [FixWords.Terraform] = new(
                "Move deployment actions (iam:*, cloudformation:*, lambda:UpdateFunctionCode...) to the pipeline's role; keep the function's aws_iam_policy_document to the data-plane actions its code calls.",
                """
                data "aws_iam_policy_document" "worker" {
                  statement {
                    actions   = ["lambda:InvokeFunction"]
                    resources = [aws_lambda_function.next_step.arn]
                  }
                }
                """),
            [FixWords.Serverless] = new(
                "Move deployment actions (iam:*, cloudformation:*, lambda:UpdateFunctionCode...) to the pipeline's role; keep provider.iam.role.statements to the data-plane actions the functions call.",
                """
                provider:
                  iam:
                    role:
                      statements:
                        - Effect: Allow
                          Action: [lambda:InvokeFunction]
                          Resource: !GetAtt NextStepLambdaFunction.Arn
                """),
        },
    };

    public IEnumerable<Finding> Evaluate(Architecture architecture)
    {
        foreach (var grant in architecture.Grants)
        {
            if (!grant.IsAllow || grant.IsManagedPolicy || grant.Source.Kind is GrantSourceKind.Connector)
            {
                continue;
            }

            var functions = Principals.FunctionsOf(grant.Principal);
            if (functions.Count == 0 || ActionClassifier.ClassifyAll(grant.Actions).HasFlag(ActionEffect.Admin))
            {
                continue; // '*' and NotAction are FC2001's.
            }

            var anyResource = grant.Resources.Any(Principals.IsAnyResource);
            var deploy = grant.Actions
                .Where(a => !(anyResource && !grant.HasCondition && a.Trim().EndsWith(":*", StringComparison.Ordinal))) // FC2001's
                .Where(a => IsDeploy(a, grant.Resources)).ToList();
            if (deploy.Count == 0)
            {
                continue;
            }

            yield return this.Finding(grant.Principal,
                $"{Principals.Describe(grant.Principal)} is allowed deployment actions ({string.Join(", ", deploy)}); " +
                "a function's role should hold only what its code calls at run time.",
                grant.Span,
                [.. functions.Where(f => !ReferenceEquals(f, grant.Principal.ImpliedBy)).Select(f => f.Related($"{f.LogicalId} runs with this role"))]);
        }
    }

    private static readonly string[] LambdaControlPlane = ["Create", "Update", "Delete", "Publish", "AddPermission", "RemovePermission", "Put", "Tag", "Untag", "AddLayerVersionPermission"];

    // Services whose wildcard on a named resource still reaches control-plane actions that change what runs or who may act.
    private static readonly string[] ControlPlaneServices = ["iam", "lambda", "cloudformation", "organizations", "sts", "ec2", "states", "events", "apigateway"];

    private static bool IsDeploy(string action, IReadOnlyList<string> resources)
    {
        var a = action.Trim();

        // A data service's wildcard scoped to named resources ('s3:*' on one bucket's objects) is no deployment right; how
        // broad it is, is FC2001's question.
        if (a.EndsWith(":*", StringComparison.Ordinal) && !resources.Any(Principals.IsAnyResource)
            && !ControlPlaneServices.Contains(a[..a.IndexOf(':', StringComparison.Ordinal)].ToLowerInvariant()))
        {
            return false;
        }
        if (!ActionClassifier.Classify(a).HasFlag(ActionEffect.Deploy))
        {
            return false;
        }

        // Lambda keeps adding data-plane verbs (durable executions, callbacks); only the known control-plane verbs count.
        if (a.StartsWith("lambda:", StringComparison.OrdinalIgnoreCase) && !ActionClassifier.IsPattern(a)
            && !LambdaControlPlane.Any(v => a[7..].StartsWith(v, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        // A CodeDeploy traffic hook reports its result: that is what a hook function is for.
        if (a.Equals("codedeploy:PutLifecycleEventHookExecutionStatus", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Passing one named role to a service (Glue, ECS, Scheduler) is a run-time need; passing any role is not.
        return !a.Equals("iam:PassRole", StringComparison.OrdinalIgnoreCase) || resources.Any(Principals.IsAnyResource);
    }
}
