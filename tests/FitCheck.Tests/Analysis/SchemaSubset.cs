using System.Text.Json.Nodes;

namespace FitCheck.Tests.Analysis;

/// <summary>A JSON Schema (draft-07) validator for the keywords the workload schema uses: type, properties, additionalProperties,
/// required, enum, minimum, maximum, not, $ref to #/definitions. (JsonSchema.Net's root namespace <c>Json</c> collides with
/// test helpers named Json, so the tests carry this instead.) Unknown keywords fail loudly, so the schema cannot outgrow it.</summary>
internal static class SchemaSubset
{
    private static readonly HashSet<string> Known =
        ["$schema", "$id", "title", "description", "examples", "type", "properties", "additionalProperties", "required", "enum", "minimum", "maximum", "not", "$ref", "definitions"];

    public sealed record Result(IReadOnlyList<string> Errors)
    {
        public bool IsValid => Errors.Count == 0;
    }

    public static Result Validate(JsonNode schema, JsonNode? instance)
    {
        var errors = new List<string>();
        Check(schema, schema, instance, "$", errors);
        return new Result(errors);
    }

    private static void Check(JsonNode root, JsonNode schema, JsonNode? value, string at, List<string> errors)
    {
        var s = schema.AsObject();
        foreach (var (key, _) in s)
        {
            if (!Known.Contains(key))
            {
                throw new NotSupportedException($"schema keyword {key} is not supported by the test validator");
            }
        }

        if (s["$ref"] is { } reference)
        {
            var name = reference.GetValue<string>().Replace("#/definitions/", "", StringComparison.Ordinal);
            Check(root, root["definitions"]![name]!, value, at, errors);
        }

        if (s["type"]?.GetValue<string>() is { } type && !HasType(value, type))
        {
            errors.Add($"{at}: expected {type}");
            return;
        }

        if (s["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, value)))
        {
            errors.Add($"{at}: not one of {options.ToJsonString()}");
        }

        if (value is JsonValue v && v.TryGetValue<decimal>(out var number))
        {
            if (s["minimum"] is { } min && number < min.GetValue<decimal>())
            {
                errors.Add($"{at}: below {min}");
            }

            if (s["maximum"] is { } max && number > max.GetValue<decimal>())
            {
                errors.Add($"{at}: above {max}");
            }
        }

        if (s["not"] is { } not && Validate(root, not, value).Count == 0)
        {
            errors.Add($"{at}: matches a 'not' schema");
        }

        if (value is JsonObject obj)
        {
            var properties = s["properties"]?.AsObject();
            foreach (var (key, child) in obj)
            {
                if (properties?[key] is { } p)
                {
                    Check(root, p, child, $"{at}.{key}", errors);
                }
                else if (s["additionalProperties"] is JsonValue additional && !additional.GetValue<bool>())
                {
                    errors.Add($"{at}: unknown property {key}");
                }
                else if (s["additionalProperties"] is JsonObject additionalSchema)
                {
                    Check(root, additionalSchema, child, $"{at}.{key}", errors);
                }
            }

            foreach (var required in s["required"]?.AsArray() ?? [])
            {
                if (!obj.ContainsKey(required!.GetValue<string>()))
                {
                    errors.Add($"{at}: missing {required}");
                }
            }
        }
    }

    private static List<string> Validate(JsonNode root, JsonNode schema, JsonNode? value)
    {
        var errors = new List<string>();
        Check(root, schema, value, "$", errors);
        return errors;
    }

    private static bool HasType(JsonNode? value, string type) => type switch
    {
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value is JsonValue v && v.TryGetValue<string>(out _),
        "boolean" => value is JsonValue v && v.TryGetValue<bool>(out _),
        "number" => value is JsonValue v && v.TryGetValue<decimal>(out _),
        "integer" => value is JsonValue v && v.TryGetValue<decimal>(out var d) && d == decimal.Truncate(d),
        _ => throw new NotSupportedException(type),
    };
}
