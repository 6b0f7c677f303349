using FitCheck.Templates.Dialects.Terraform.Evaluation;
using FitCheck.Templates.Dialects.Terraform.Hcl;

namespace FitCheck.Templates.Dialects.Terraform;

/// <summary>
/// Data sources whose result is a design fact fitcheck can compute without AWS. <c>aws_iam_policy_document</c> becomes
/// the policy it renders (<c>json</c> keeps the statements' structure and positions, known or not). Every other data
/// source keeps its configuration, and its computed attributes stay unknown with a reference to it
/// (<c>data.aws_caller_identity.current.account_id</c>, <c>data.archive_file.zip.output_base64sha256</c>): harmless.
/// </summary>
internal static class DataSources
{
    public static HclMap Augment(string type, HclMap values, string address, ModuleInstance module, Scope scope, HclBlock block) => type switch
    {
        "aws_iam_policy_document" => PolicyDocument(values, block),
        _ => values,
    };

    private static HclMap PolicyDocument(HclMap values, HclBlock block)
    {
        var statements = new List<HclValue>();
        var references = new List<HclReference>();

        // source_policy_documents come first; statements of this document replace theirs with the same Sid; override documents replace last.
        AddDocuments(values["source_policy_documents"], statements, references);
        if (values["statement"] is HclList list)
        {
            foreach (var item in list.Items)
            {
                if (item is HclMap statement)
                {
                    Replace(statements, Statement(statement));
                }
                else
                {
                    statements.Add(item);
                }
            }
        }

        var overrides = new List<HclValue>();
        AddDocuments(values["override_policy_documents"], overrides, references);
        foreach (var o in overrides)
        {
            Replace(statements, o);
        }

        var policy = new HclMap(new SortedDictionary<string, HclValue>(StringComparer.Ordinal)
        {
            ["Version"] = values["version"] ?? new HclString("2012-10-17"),
            ["Statement"] = new HclList(statements) { Span = values["statement"]?.Span },
        })
        { Span = block.Span, References = references };
        var json = HclJson.Encode(policy, block.Span);
        var entries = new SortedDictionary<string, HclValue>(StringComparer.Ordinal);
        foreach (var (k, v) in values.Entries)
        {
            entries[k] = v;
        }

        entries["json"] = json;
        entries["minified_json"] = json;
        return values with { Entries = entries };
    }

    private static void AddDocuments(HclValue? documents, List<HclValue> into, List<HclReference> references)
    {
        if (documents is not HclList list)
        {
            if (documents is not null)
            {
                references.AddRange(documents.AllReferences());
            }

            return;
        }

        foreach (var document in list.Items)
        {
            var structure = document switch
            {
                HclString { Structure: { } s } => s,
                HclUnknown { Structure: { } s } => s,
                HclString s => TryDecode(s),
                _ => null,
            };
            references.AddRange(document.AllReferences());
            if (structure is HclMap { } map && map["Statement"] is HclList statements)
            {
                foreach (var s in statements.Items)
                {
                    Replace(into, s);
                }
            }
        }
    }

    private static HclValue? TryDecode(HclString s)
    {
        try
        {
            return HclJson.Decode(s.Value, s.Span ?? Model.SourceSpan.FileStart(""));
        }
        catch (EvaluationException)
        {
            return null;
        }
    }

    private static void Replace(List<HclValue> statements, HclValue statement)
    {
        if (statement is HclMap map && map["Sid"] is HclString { Value.Length: > 0 } sid)
        {
            var i = statements.FindIndex(s => s is HclMap m && m["Sid"] is HclString other && other.Value == sid.Value);
            if (i >= 0)
            {
                statements[i] = statement;
                return;
            }
        }

        statements.Add(statement);
    }

    /// <summary>A <c>statement</c> block as the IAM JSON statement it renders.</summary>
    private static HclMap Statement(HclMap block)
    {
        var entries = new SortedDictionary<string, HclValue>(StringComparer.Ordinal);
        var spans = new Dictionary<string, Model.SourceSpan>(StringComparer.Ordinal);
        void Copy(string from, string to)
        {
            if (block[from] is { } value)
            {
                entries[to] = value;
                if (block.KeySpans?.TryGetValue(from, out var s) == true)
                {
                    spans[to] = s;
                }
            }
        }

        Copy("sid", "Sid");
        Copy("actions", "Action");
        Copy("not_actions", "NotAction");
        Copy("resources", "Resource");
        Copy("not_resources", "NotResource");
        entries["Effect"] = block["effect"] ?? new HclString("Allow") { Span = block.Span };
        if (block.KeySpans?.TryGetValue("effect", out var effectSpan) == true)
        {
            spans["Effect"] = effectSpan;
        }

        AddPrincipals(block["principals"], "Principal", entries);
        AddPrincipals(block["not_principals"], "NotPrincipal", entries);
        if (block["condition"] is HclList conditions)
        {
            var byTest = new SortedDictionary<string, SortedDictionary<string, HclValue>>(StringComparer.Ordinal);
            var unknown = new List<HclReference>();
            foreach (var c in conditions.Items)
            {
                if (c is HclMap { } condition && condition["test"] is HclString test && condition["variable"] is HclString variable)
                {
                    if (!byTest.TryGetValue(test.Value, out var vars))
                    {
                        byTest[test.Value] = vars = new SortedDictionary<string, HclValue>(StringComparer.Ordinal);
                    }

                    vars[variable.Value] = condition["values"] ?? new HclList([]);
                }
                else
                {
                    unknown.AddRange(c.AllReferences());
                }
            }

            entries["Condition"] = new HclMap(byTest.ToDictionary(p => p.Key, p => (HclValue)new HclMap(p.Value), StringComparer.Ordinal)) { Span = conditions.Span, References = unknown };
        }

        return new HclMap(entries) { Span = block.Span, KeySpans = spans };
    }

    private static void AddPrincipals(HclValue? value, string key, SortedDictionary<string, HclValue> entries)
    {
        if (value is not HclList principals)
        {
            return;
        }

        var byType = new SortedDictionary<string, List<HclValue>>(StringComparer.Ordinal);
        var references = new List<HclReference>();
        foreach (var p in principals.Items)
        {
            if (p is HclMap { } principal && principal["type"] is HclString type)
            {
                if (!byType.TryGetValue(type.Value, out var ids))
                {
                    byType[type.Value] = ids = [];
                }

                switch (principal["identifiers"])
                {
                    case HclList identifiers:
                        ids.AddRange(identifiers.Items);
                        break;
                    case { } other:
                        ids.Add(other);
                        break;
                }
            }
            else
            {
                references.AddRange(p.AllReferences());
            }
        }

        if (byType.Count == 1 && byType.TryGetValue("*", out var star))
        {
            entries[key] = new HclString("*") { Span = principals.Span, References = [.. star.SelectMany(s => s.References)] };
            return;
        }

        entries[key] = new HclMap(byType.ToDictionary(p => p.Key, p => (HclValue)new HclList(p.Value), StringComparer.Ordinal)) { Span = principals.Span, References = references };
    }
}
