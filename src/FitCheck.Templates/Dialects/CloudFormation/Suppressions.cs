using FitCheck.Model;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.CloudFormation;

/// <summary>Reads rule suppressions from Metadata in the vocabularies users already have.</summary>
internal static class Suppressions
{
    public static void Read(MappingNode metadata, List<Suppression> into, bool allowTemplateLevel)
    {
        _ = allowTemplateLevel;
        if (metadata["fitcheck"]?["ignore"] is SequenceNode own)
        {
            foreach (var item in own.Items)
            {
                var id = item["rule"]?.Text ?? item["id"]?.Text ?? item.Text;
                if (id is not null)
                {
                    into.Add(new Suppression(id, item["reason"]?.Text, "fitcheck", item.Span));
                }
            }
        }

        if (metadata["cfn-lint"]?["config"]?["ignore_checks"] is SequenceNode cfnLint)
        {
            foreach (var item in cfnLint.Items)
            {
                if (item.Text is { } id)
                {
                    into.Add(new Suppression(id, "cfn-lint ignore_checks", "cfn-lint", item.Span));
                }
            }
        }

        if (metadata["checkov"]?["skip"] is SequenceNode checkov)
        {
            foreach (var item in checkov.Items)
            {
                if (item["id"]?.Text is { } id)
                {
                    into.Add(new Suppression(id, item["comment"]?.Text, "checkov", item.Span));
                }
            }
        }

        if (metadata["cdk_nag"]?["rules_to_suppress"] is SequenceNode nag)
        {
            foreach (var item in nag.Items)
            {
                if (item["id"]?.Text is { } id)
                {
                    into.Add(new Suppression(id, item["reason"]?.Text, "cdk-nag", item.Span));
                }
            }
        }
    }
}
