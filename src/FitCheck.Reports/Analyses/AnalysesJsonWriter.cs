using System.Text.Json;
using FitCheck.Analysis.Alternatives;
using FitCheck.Assessing;
using FitCheck.Analysis.Cost;
using FitCheck.Analysis.WorkloadFit;
using FitCheck.Model;
using FitCheck.Reports.Graph;
using FitCheck.Analysis.Design;

namespace FitCheck.Reports.Analyses;

/// <summary>The design analyses in JSON: keys fit, patterns, failurePaths, retryAmplification, cost and alternatives, each written only
/// when the analysis ran. Also the stand-alone document of <c>fitcheck cost</c>.</summary>
public static class AnalysesJsonWriter
{
    /// <summary>Writes the analyses that ran as properties of the enclosing object.</summary>
    public static void Write(Utf8JsonWriter json, Assessment a)
    {
        if (a.Fit is { } fit)
        {
            json.WritePropertyName("fit");
            Fit(json, fit);
        }

        if (a.Patterns is { } patterns)
        {
            json.WriteStartArray("patterns");
            foreach (var map in patterns)
            {
                foreach (var f in map.Flows)
                {
                    json.WriteStartObject();
                    json.WriteString("entry", f.Entry.LogicalId);
                    json.WriteString("template", f.Entry.Template.Path);
                    json.WriteStartArray("route");
                    foreach (var c in f.Route)
                    {
                        json.WriteStringValue(c.LogicalId);
                    }

                    json.WriteEndArray();
                    json.WriteString("pattern", ClassifiedFlow.Name(f.Pattern));
                    json.WriteString("reason", f.Reason);
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
            json.WriteStartArray("patternMismatches");
            foreach (var m in patterns.SelectMany(p => p.Mismatches))
            {
                json.WriteStartObject();
                json.WriteString("kind", m.Kind);
                json.WriteString("component", m.Component.LogicalId);
                json.WriteString("message", m.Message);
                GraphJsonWriter.Location(json, m.Span);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (a.FailurePaths is { } failures)
        {
            json.WriteStartArray("failurePaths");
            foreach (var h in failures.SelectMany(f => f.Hops))
            {
                json.WriteStartObject();
                json.WriteString("from", h.From?.LogicalId);
                json.WriteString("to", h.To.LogicalId);
                json.WriteString("kind", h.Kind);
                if (h.MaxAttempts is { } n)
                {
                    json.WriteNumber("maxAttempts", n);
                }
                else
                {
                    json.WriteNull("maxAttempts");
                }

                json.WriteString("retries", h.Retries);
                json.WriteString("onExhaustion", FailureHop.ExhaustionName(h.OnExhaustion));
                json.WriteString("exhaustedTarget", h.ExhaustedTarget?.LogicalId ?? h.ExhaustedTargetText);
                json.WriteBoolean("alarmed", h.Alarmed);
                json.WriteBoolean("dropsSilently", h.DropsSilently);
                json.WriteString("lost", h.Lost);
                json.WriteString("description", h.Describe());
                json.WriteString("component", h.Component.LogicalId);
                GraphJsonWriter.Location(json, h.Span);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (a.RetryAmplification is { } retries)
        {
            json.WriteStartArray("retryAmplification");
            foreach (var p in retries.SelectMany(r => r.Paths))
            {
                json.WriteStartObject();
                json.WriteString("entry", p.Entry.LogicalId);
                json.WriteString("consumer", p.Consumer.LogicalId);
                json.WriteString("route", p.Route);
                if (p.Factor is { } factor)
                {
                    json.WriteNumber("factor", factor);
                }
                else
                {
                    json.WriteNull("factor");
                }

                json.WriteString("expression", p.Expression);
                json.WriteStartArray("terms");
                foreach (var t in p.Terms)
                {
                    json.WriteStartObject();
                    json.WriteString("hop", t.Hop);
                    if (t.Multiplier is { } m)
                    {
                        json.WriteNumber("multiplier", m);
                    }
                    else
                    {
                        json.WriteNull("multiplier");
                    }

                    json.WriteString("reason", t.Reason);
                    GraphJsonWriter.Location(json, t.Span);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (a.Cost is { } cost)
        {
            json.WritePropertyName("cost");
            Cost(json, cost);
        }

        if (a.Alternatives is { } alternatives)
        {
            json.WritePropertyName("alternatives");
            Alternatives(json, alternatives);
        }
    }

    /// <summary>The document <c>fitcheck cost --format json</c> prints: <c>{"cost": {...}}</c>.</summary>
    public static string WriteCost(CostEstimate cost)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WritePropertyName("cost");
            Cost(json, cost);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Fit(Utf8JsonWriter json, FitResult fit)
    {
        json.WriteStartObject();
        json.WriteString("verdict", fit.VerdictName);
        json.WriteNumber("for", fit.For);
        json.WriteNumber("against", fit.Against);
        json.WriteString("rule", fit.Rule);
        json.WriteStartArray("evidence");
        foreach (var e in fit.Evidence)
        {
            json.WriteStartObject();
            json.WriteString("kind", e.Kind);
            json.WriteBoolean("favours", e.Favours);
            json.WriteNumber("weight", e.Weight);
            json.WriteString("component", e.Component?.LogicalId);
            json.WriteString("message", e.Message);
            GraphJsonWriter.Location(json, e.Span);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Cost(Utf8JsonWriter json, CostEstimate cost)
    {
        json.WriteStartObject();
        json.WriteString("currency", cost.Currency);
        json.WriteString("region", cost.Region);
        json.WriteString("priceDate", cost.PriceDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteBoolean("freeTier", cost.FreeTier);
        json.WriteNumber("monthlyTotal", cost.MonthlyTotal);
        json.WriteStartArray("items");
        foreach (var i in cost.Items)
        {
            json.WriteStartObject();
            json.WriteString("component", i.Component.LogicalId);
            json.WriteString("template", i.Template);
            json.WriteString("service", i.Service);
            json.WriteNumber("monthly", Math.Round(i.Monthly, 4, MidpointRounding.AwayFromZero));
            json.WriteString("arithmetic", i.Arithmetic);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        Strings(json, "missingInputs", cost.MissingInputs);
        Strings(json, "drivers", cost.Drivers);
        Strings(json, "notes", cost.Notes);
        json.WriteEndObject();
    }

    private static void Alternatives(Utf8JsonWriter json, AlternativesResult alternatives)
    {
        json.WriteStartObject();
        json.WriteBoolean("staysServerless", alternatives.StaysServerless);
        json.WriteStartArray("comparisons");
        foreach (var c in alternatives.Comparisons)
        {
            var b = c.BreakEven;
            json.WriteStartObject();
            json.WriteString("component", c.Component.LogicalId);
            json.WriteNumber("requestsPerSecond", Math.Round(b.RequestsPerSecond, 4));
            json.WriteNumber("peakRequestsPerSecond", Math.Round(b.PeakRequestsPerSecond, 4));
            json.WriteNumber("lambdaMonthly", Math.Round(b.LambdaMonthly, 2, MidpointRounding.AwayFromZero));
            json.WriteNumber("fargateMonthly", Math.Round(b.FargateMonthly, 2, MidpointRounding.AwayFromZero));
            json.WriteNumber("fargateTasks", b.Sizing.Tasks);
            json.WriteNumber("fargateVcpuPerTask", b.Sizing.VcpuPerTask);
            json.WriteNumber("fargateMemoryGbPerTask", b.Sizing.MemoryGbPerTask);
            if (b.BreakEvenRequestsPerSecond is { } be)
            {
                json.WriteNumber("breakEvenRequestsPerSecond", Math.Round(be, 2));
            }
            else
            {
                json.WriteNull("breakEvenRequestsPerSecond");
            }

            json.WriteBoolean("fargateCheaper", b.FargateCheaper);
            json.WriteString("ec2Example", c.Ec2Example.Arithmetic);
            Strings(json, "reasoning", b.Reasoning);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("recommendations");
        foreach (var r in alternatives.Recommendations)
        {
            json.WriteStartObject();
            json.WriteString("model", r.Model);
            json.WriteString("reason", r.Reason);
            json.WriteString("component", r.Component?.LogicalId);
            if (r.Span is { } span)
            {
                GraphJsonWriter.Location(json, span);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        Strings(json, "notes", alternatives.Notes);
        json.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteStringValue(v);
        }

        json.WriteEndArray();
    }
}
