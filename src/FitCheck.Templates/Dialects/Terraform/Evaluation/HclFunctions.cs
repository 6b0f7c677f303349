using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FitCheck.Model;
using FitCheck.Templates.Dialects.Terraform.Hcl;

namespace FitCheck.Templates.Dialects.Terraform.Evaluation;

/// <summary>
/// Terraform's built-in functions, as far as they can run statically. Functions that work on collections keep the known
/// part of a partly-unknown argument (<c>merge</c>, <c>concat</c>, <c>lookup</c>...); string functions of an unknown are
/// unknown; functions whose result changes from run to run (<c>timestamp</c>, <c>uuid</c>) or needs the file's bytes
/// (<c>filebase64sha256</c>) are unknown. A function fitcheck does not know is unknown with a note at its line.
/// </summary>
internal static class HclFunctions
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Functions that are unknown by nature: their value is not a design fact.</summary>
    private static readonly HashSet<string> AlwaysUnknown = new(StringComparer.Ordinal)
    {
        "timestamp", "plantimestamp", "uuid", "uuidv5", "bcrypt", "filebase64sha256", "filebase64sha512", "filemd5", "filesha1",
        "filesha256", "filesha512", "filebase64", "fileset", "rsadecrypt", "pathexpand", "abspath", "cidrhost", "cidrnetmask",
        "cidrsubnet", "cidrsubnets", "timeadd", "formatdate", "md5", "sha1", "sha256", "sha512", "base64sha256", "base64sha512",
        "textencodebase64", "textdecodebase64", "base64gzip", "ephemeralasnull",
    };

    public static HclValue Call(HclEvaluator evaluator, HclFunctionCall call, Scope scope)
    {
        var name = call.Name.StartsWith("provider::", StringComparison.Ordinal) ? call.Name : call.Name;
        switch (name)
        {
            case "try":
                return Try(evaluator, call, scope);
            case "can":
                return Can(evaluator, call, scope);
        }

        var args = new List<HclValue>(call.Arguments.Count);
        foreach (var a in call.Arguments)
        {
            args.Add(evaluator.Evaluate(a, scope));
        }

        if (call.ExpandFinal && args.Count > 0)
        {
            var last = args[^1];
            args.RemoveAt(args.Count - 1);
            if (last is HclUnknown u)
            {
                return HclUnknown.Of(u.References, call.Span);
            }

            if (last is not HclList items)
            {
                throw new EvaluationException("'...' expands a list, not a " + last.TypeName, call.Arguments[^1].Span);
            }

            args.AddRange(items.Items);
        }

        var span = call.Span;
        if (AlwaysUnknown.Contains(name))
        {
            return HclUnknown.Of(AllReferences(args), span, name + "() is computed when Terraform runs");
        }

        switch (name)
        {
            // ------------------------------------------------------- structural: partly-unknown arguments keep their known part
            case "merge":
                return Merge(args, span);
            case "concat":
                return Concat(args, span);
            case "lookup":
                Arity(call, args, 2, 3);
                return Lookup(args, span);
            case "element":
                Arity(call, args, 2);
                if (args[0] is HclUnknown || args[1] is HclUnknown)
                {
                    return UnknownOf(args, span);
                }

                var list = AsList(args[0], span);
                if (list.Items.Count == 0)
                {
                    throw new EvaluationException("element() of an empty list", span);
                }

                var at = (int)HclEvaluator.ToNumber(args[1], span);
                return list.Items[((at % list.Items.Count) + list.Items.Count) % list.Items.Count];
            case "length":
                Arity(call, args, 1);
                return args[0] switch
                {
                    HclList l => new HclNumber(l.Items.Count),
                    HclMap { OpenAddress: null } m => new HclNumber(m.Entries.Count),
                    HclString s => new HclNumber(new StringInfo(s.Value).LengthInTextElements),
                    HclUnknown u => HclUnknown.Of(u.References, span),
                    _ => throw new EvaluationException($"length() of a {args[0].TypeName}", span),
                };
            case "coalesce":
                foreach (var a in args)
                {
                    if (a is HclUnknown)
                    {
                        return UnknownOf(args, span);
                    }

                    if (a is not HclNull && !(a is HclString { Value: "" }))
                    {
                        return a;
                    }
                }

                throw new EvaluationException("coalesce() found no non-null, non-empty argument", span);
            case "coalescelist":
                foreach (var a in args)
                {
                    if (a is HclUnknown)
                    {
                        return UnknownOf(args, span);
                    }

                    if (a is HclList { Items.Count: > 0 })
                    {
                        return a;
                    }
                }

                throw new EvaluationException("coalescelist() found no non-empty list", span);
            case "keys":
                Arity(call, args, 1);
                return args[0] is HclMap { OpenAddress: null } km
                    ? new HclList([.. km.Entries.Keys.Select(k => (HclValue)new HclString(k))])
                    : UnknownOf(args, span);
            case "values":
                Arity(call, args, 1);
                return args[0] is HclMap { OpenAddress: null } vm ? new HclList([.. vm.Entries.Values]) : UnknownOf(args, span);
            case "tolist" or "toset" or "tuple":
                Arity(call, args, 1);
                return args[0] switch
                {
                    HclList l when name == "toset" => Distinct(l),
                    HclList l => l,
                    HclNull => args[0],
                    HclUnknown u => u,
                    _ => throw new EvaluationException($"{name}() of a {args[0].TypeName}", span),
                };
            case "tomap":
                Arity(call, args, 1);
                return args[0] is HclMap or HclNull or HclUnknown ? args[0] : throw new EvaluationException($"tomap() of a {args[0].TypeName}", span);
            case "flatten":
                Arity(call, args, 1);
                return Flatten(args[0], span);
            case "one":
                Arity(call, args, 1);
                return args[0] switch
                {
                    HclList { Items.Count: 0 } => HclValue.Null,
                    HclList { Items.Count: 1 } l => l.Items[0],
                    HclList => throw new EvaluationException("one() of a list with more than one item", span),
                    HclNull => HclValue.Null,
                    _ => UnknownOf(args, span),
                };
            case "sensitive" or "nonsensitive" or "type" or "tostring" when args.Count == 1 && args[0] is HclUnknown:
                return args[0];
            case "sensitive" or "nonsensitive":
                Arity(call, args, 1);
                return args[0];
            case "jsonencode":
                Arity(call, args, 1);
                return HclJson.Encode(args[0], span);
            case "yamlencode":
                Arity(call, args, 1);
                return args[0].IsWhollyKnown
                    ? new HclString(HclJson.Encode(args[0], span) is HclString js ? js.Value : "") { Structure = args[0], References = [.. args[0].AllReferences()] }
                    : new HclUnknown { Structure = args[0], References = [.. args[0].AllReferences()], Span = span };
            case "file":
                Arity(call, args, 1);
                return File(evaluator, args, span);
            case "templatefile":
                Arity(call, args, 2);
                return TemplateFile(evaluator, args, span);
            case "fileexists":
                Arity(call, args, 1);
                return UnknownOf(args, span);
        }

        if (name == "jsondecode" && args.Count == 1 && args[0] is HclUnknown { PartialText: { } partial } pu)
        {
            return HclJson.DecodePartial(partial, pu.References, span) ?? UnknownOf(args, span);
        }

        // ------------------------------------------------------- the rest needs every argument known
        if (args.Any(a => !a.IsWhollyKnown))
        {
            return UnknownOf(args, span);
        }

        return name switch
        {
            "jsondecode" => One(call, args, a => HclJson.Decode(Text(a, span), span)),
            "yamldecode" => UnknownOf(args, span),
            "tostring" => One(call, args, a => a is HclNull ? a : new HclString(Text(a, span))),
            "tonumber" => One(call, args, a => a is HclNull ? a : new HclNumber(HclEvaluator.ToNumber(a, span))),
            "tobool" => One(call, args, a => a is HclNull ? a : HclEvaluator.ToBool(a, span) ? HclValue.True : HclValue.False),
            "format" => Format(args, span),
            "formatlist" => FormatList(args, span),
            "join" => Join(args, span),
            "split" => Split(call, args, span),
            "replace" => Replace(call, args, span),
            "lower" => One(call, args, a => new HclString(Text(a, span).ToLowerInvariant())),
            "upper" => One(call, args, a => new HclString(Text(a, span).ToUpperInvariant())),
            "title" => One(call, args, a => new HclString(CultureInfo.InvariantCulture.TextInfo.ToTitleCase(Text(a, span)))),
            "trimspace" => One(call, args, a => new HclString(Text(a, span).Trim())),
            "chomp" => One(call, args, a => new HclString(Text(a, span).TrimEnd('\r', '\n'))),
            "trim" => Two(call, args, (a, b) => new HclString(Text(a, span).Trim(Text(b, span).ToCharArray()))),
            "trimprefix" => Two(call, args, (a, b) => new HclString(Text(a, span).StartsWith(Text(b, span), StringComparison.Ordinal) ? Text(a, span)[Text(b, span).Length..] : Text(a, span))),
            "trimsuffix" => Two(call, args, (a, b) => new HclString(Text(a, span).EndsWith(Text(b, span), StringComparison.Ordinal) ? Text(a, span)[..^Text(b, span).Length] : Text(a, span))),
            "startswith" => Two(call, args, (a, b) => Bool(Text(a, span).StartsWith(Text(b, span), StringComparison.Ordinal))),
            "endswith" => Two(call, args, (a, b) => Bool(Text(a, span).EndsWith(Text(b, span), StringComparison.Ordinal))),
            "strcontains" => Two(call, args, (a, b) => Bool(Text(a, span).Contains(Text(b, span), StringComparison.Ordinal))),
            "substr" => Substr(call, args, span),
            "strrev" => One(call, args, a => new HclString(new string(Text(a, span).Reverse().ToArray()))),
            "indent" => Two(call, args, (n, s) => new HclString(Text(s, span).Replace("\n", "\n" + new string(' ', (int)HclEvaluator.ToNumber(n, span)), StringComparison.Ordinal))),
            "regex" => Regex(call, args, span, all: false),
            "regexall" => Regex(call, args, span, all: true),
            "base64encode" => One(call, args, a => new HclString(Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(a, span))))),
            "base64decode" => One(call, args, a => new HclString(Base64Decode(Text(a, span), span))),
            "urlencode" => One(call, args, a => new HclString(Uri.EscapeDataString(Text(a, span)))),
            "basename" => One(call, args, a => new HclString(Text(a, span).TrimEnd('/').Split('/')[^1])),
            "dirname" => One(call, args, a => new HclString(Text(a, span).LastIndexOf('/') is var i and > 0 ? Text(a, span)[..i] : ".")),
            "contains" => Two(call, args, (l, v) => Bool(AsList(l, span).Items.Any(i => HclEvaluator.Same(i, v)))),
            "index" => Two(call, args, (l, v) => AsList(l, span).Items.ToList().FindIndex(i => HclEvaluator.Same(i, v)) is var i and >= 0 ? new HclNumber(i) : throw new EvaluationException("index(): the value is not in the list", span)),
            "distinct" => One(call, args, a => Distinct(AsList(a, span))),
            "compact" => One(call, args, a => new HclList([.. AsList(a, span).Items.Where(i => i is not HclNull && i is not HclString { Value: "" })])),
            "reverse" => One(call, args, a => new HclList([.. AsList(a, span).Items.Reverse()])),
            "sort" => One(call, args, a => new HclList([.. AsList(a, span).Items.OrderBy(i => Text(i, span), StringComparer.Ordinal)])),
            "slice" => Slice(call, args, span),
            "zipmap" => Two(call, args, (k, v) => HclMap.From(AsList(k, span).Items.Zip(AsList(v, span).Items).Select(p => new KeyValuePair<string, HclValue>(Text(p.First, span), p.Second)))),
            "range" => Range(args, span),
            "min" => new HclNumber(args.Select(a => HclEvaluator.ToNumber(a, span)).DefaultIfEmpty(0).Min()),
            "max" => new HclNumber(args.Select(a => HclEvaluator.ToNumber(a, span)).DefaultIfEmpty(0).Max()),
            "sum" => One(call, args, a => new HclNumber(AsList(a, span).Items.Sum(i => HclEvaluator.ToNumber(i, span)))),
            "abs" => One(call, args, a => new HclNumber(Math.Abs(HclEvaluator.ToNumber(a, span)))),
            "ceil" => One(call, args, a => new HclNumber(Math.Ceiling(HclEvaluator.ToNumber(a, span)))),
            "floor" => One(call, args, a => new HclNumber(Math.Floor(HclEvaluator.ToNumber(a, span)))),
            "signum" => One(call, args, a => new HclNumber(Math.Sign(HclEvaluator.ToNumber(a, span)))),
            "pow" => Two(call, args, (a, b) => new HclNumber(Math.Pow(HclEvaluator.ToNumber(a, span), HclEvaluator.ToNumber(b, span)))),
            "log" => Two(call, args, (a, b) => new HclNumber(Math.Log(HclEvaluator.ToNumber(a, span), HclEvaluator.ToNumber(b, span)))),
            "parseint" => Two(call, args, (a, b) => new HclNumber(Convert.ToInt64(Text(a, span), (int)HclEvaluator.ToNumber(b, span)))),
            "setunion" => Distinct(new HclList([.. args.SelectMany(a => AsList(a, span).Items)])),
            "setintersection" => new HclList([.. AsList(args[0], span).Items.Where(i => args.Skip(1).All(o => AsList(o, span).Items.Any(x => HclEvaluator.Same(x, i))))]),
            "setsubtract" => Two(call, args, (a, b) => new HclList([.. AsList(a, span).Items.Where(i => !AsList(b, span).Items.Any(x => HclEvaluator.Same(x, i)))])),
            "setproduct" => UnknownOf(args, span),
            "alltrue" => One(call, args, a => Bool(AsList(a, span).Items.All(i => HclEvaluator.ToBool(i, span)))),
            "anytrue" => One(call, args, a => Bool(AsList(a, span).Items.Any(i => HclEvaluator.ToBool(i, span)))),
            "chunklist" => Two(call, args, (l, n) => new HclList([.. AsList(l, span).Items.Chunk(Math.Max(1, (int)HclEvaluator.ToNumber(n, span))).Select(c => (HclValue)new HclList(c))])),
            "transpose" => UnknownOf(args, span),
            "matchkeys" => UnknownOf(args, span),
            _ => Unsupported(evaluator, call, args),
        };
    }

    private static HclUnknown Unsupported(HclEvaluator evaluator, HclFunctionCall call, List<HclValue> args)
    {
        evaluator.Host.Report(DiagnosticCodes.Structure, DiagnosticLevel.Info, $"fitcheck does not evaluate the function {call.Name}(); its value stays unknown", call.NameSpan);
        return UnknownOf(args, call.Span);
    }

    private static HclValue Try(HclEvaluator evaluator, HclFunctionCall call, Scope scope)
    {
        var references = new List<HclReference>();
        foreach (var argument in call.Arguments)
        {
            try
            {
                var value = evaluator.Evaluate(argument, scope);
                if (value is HclUnknown u)
                {
                    // Terraform waits for an unknown argument; its references count.
                    return HclUnknown.Of(HclValue.Merge(references, u.References), call.Span);
                }

                return value;
            }
            catch (EvaluationException)
            {
                references.AddRange(HclEvaluator.References(argument, scope));
            }
        }

        throw new EvaluationException("no argument of try() could be evaluated", call.Span);
    }

    private static HclValue Can(HclEvaluator evaluator, HclFunctionCall call, Scope scope)
    {
        if (call.Arguments.Count != 1)
        {
            throw new EvaluationException("can() takes one argument", call.Span);
        }

        try
        {
            var value = evaluator.Evaluate(call.Arguments[0], scope);
            return value is HclUnknown u ? HclUnknown.Of(u.References, call.Span) : HclValue.True;
        }
        catch (EvaluationException)
        {
            return HclValue.False;
        }
    }

    private static HclValue File(HclEvaluator evaluator, List<HclValue> args, SourceSpan span)
    {
        if (args[0] is not HclString path)
        {
            return UnknownOf(args, span);
        }

        var text = evaluator.Host.ReadFile(path.Value, span, out _);
        return text is null ? HclUnknown.Of([], span, "the file could not be read") : new HclString(text);
    }

    private static HclValue TemplateFile(HclEvaluator evaluator, List<HclValue> args, SourceSpan span)
    {
        if (args[0] is not HclString path)
        {
            return UnknownOf(args, span);
        }

        var text = evaluator.Host.ReadFile(path.Value, span, out var display);
        if (text is null)
        {
            return HclUnknown.Of([.. args[1].AllReferences()], span, "the template could not be read");
        }

        var diagnostics = new List<Diagnostic>();
        var template = HclParser.ParseTemplate(text, display, diagnostics);
        foreach (var d in diagnostics)
        {
            evaluator.Host.Report(d.Code, d.Level, d.Message, d.Location);
        }

        if (args[1] is not HclMap vars || vars.OpenAddress is not null)
        {
            return HclUnknown.Of([.. args[1].AllReferences()], span, "the template's variables are not known");
        }

        var scope = new Scope(null, vars.Entries) { Isolated = true };
        var result = evaluator.Evaluate(template, scope);
        var references = vars.AllReferences().ToList();
        return result.WithReferences(references).At(span);
    }

    private static HclValue Merge(List<HclValue> args, SourceSpan span)
    {
        var entries = new SortedDictionary<string, HclValue>(StringComparer.Ordinal);
        var spans = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        var references = new List<HclReference>();
        var unknown = false;
        foreach (var a in args)
        {
            switch (a)
            {
                case HclNull:
                    continue;
                case HclMap { OpenAddress: null } m:
                    foreach (var (k, v) in m.Entries)
                    {
                        entries[k] = v;
                        if (m.KeySpans?.TryGetValue(k, out var s) == true)
                        {
                            spans[k] = s;
                        }
                    }

                    references.AddRange(m.References);
                    break;
                case HclUnknown or HclMap or HclNamespace:
                    unknown = true;
                    references.AddRange(a.AllReferences());
                    break;
                default:
                    throw new EvaluationException($"merge() of a {a.TypeName}", span);
            }
        }

        // Keys of an unknown map could override any known one: the result is unknown, but keeps what is known.
        return unknown
            ? new HclUnknown { References = references, Span = span, Structure = new HclMap(entries) { KeySpans = spans } }
            : new HclMap(entries) { KeySpans = spans, References = references };
    }

    private static HclValue Concat(List<HclValue> args, SourceSpan span)
    {
        var items = new List<HclValue>();
        foreach (var a in args)
        {
            switch (a)
            {
                case HclList l:
                    items.AddRange(l.Items);
                    break;
                case HclUnknown:
                    return UnknownOf(args, span);
                default:
                    throw new EvaluationException($"concat() of a {a.TypeName}", span);
            }
        }

        EvaluationBudget.CheckSize(items.Count, span);
        return new HclList(items);
    }

    private static HclValue Lookup(List<HclValue> args, SourceSpan span)
    {
        if (args[1] is HclUnknown)
        {
            return UnknownOf(args, span);
        }

        var key = HclEvaluator.ToText(args[1], span);
        switch (args[0])
        {
            case HclMap { OpenAddress: null } m:
                if (m.Entries.TryGetValue(key, out var v))
                {
                    return v;
                }

                return args.Count == 3 ? args[2] : throw new EvaluationException($"lookup(): no key \"{key}\" and no default", span);
            case HclUnknown or HclMap or HclNamespace:
                return UnknownOf(args, span);
            default:
                throw new EvaluationException($"lookup() in a {args[0].TypeName}", span);
        }
    }

    private static HclValue Flatten(HclValue value, SourceSpan span)
    {
        if (value is not HclList list)
        {
            return value is HclUnknown ? value : throw new EvaluationException($"flatten() of a {value.TypeName}", span);
        }

        var items = new List<HclValue>();
        var references = new List<HclReference>();
        void Add(HclList l)
        {
            foreach (var i in l.Items)
            {
                if (i is HclList inner)
                {
                    Add(inner);
                }
                else if (i is HclUnknown u)
                {
                    references.AddRange(u.References);
                    items.Add(u);
                }
                else
                {
                    items.Add(i);
                }

                EvaluationBudget.CheckSize(items.Count, span);
            }
        }

        Add(list);
        return new HclList(items) { References = references };
    }

    private static HclString Format(List<HclValue> args, SourceSpan span)
    {
        if (args.Count == 0)
        {
            throw new EvaluationException("format() needs a format string", span);
        }

        var format = Text(args[0], span);
        var result = new StringBuilder();
        var next = 1;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%')
            {
                result.Append(c);
                continue;
            }

            if (i + 1 < format.Length && format[i + 1] == '%')
            {
                result.Append('%');
                i++;
                continue;
            }

            // %[flags][width][.precision]verb, with an optional [n] argument index.
            var j = i + 1;
            while (j < format.Length && "+-# 0".Contains(format[j], StringComparison.Ordinal))
            {
                j++;
            }

            if (j < format.Length && format[j] == '[')
            {
                var close = format.IndexOf(']', j);
                if (close > j && int.TryParse(format.AsSpan(j + 1, close - j - 1), out var n))
                {
                    next = n;
                    j = close + 1;
                }
            }

            var widthStart = j;
            while (j < format.Length && (char.IsAsciiDigit(format[j]) || format[j] == '.'))
            {
                j++;
            }

            var width = format[widthStart..j];
            if (j >= format.Length)
            {
                throw new EvaluationException("format(): a verb is missing after %", span);
            }

            var verb = format[j];
            if (next >= args.Count)
            {
                throw new EvaluationException("format(): not enough arguments for the format", span);
            }

            var arg = args[next++];
            var text = verb switch
            {
                'd' => ((long)HclEvaluator.ToNumber(arg, span)).ToString(CultureInfo.InvariantCulture),
                'f' or 'e' or 'g' => FormatFloat(HclEvaluator.ToNumber(arg, span), verb, width),
                'x' => ((long)HclEvaluator.ToNumber(arg, span)).ToString("x", CultureInfo.InvariantCulture),
                'X' => ((long)HclEvaluator.ToNumber(arg, span)).ToString("X", CultureInfo.InvariantCulture),
                'o' => Convert.ToString((long)HclEvaluator.ToNumber(arg, span), 8),
                'b' => Convert.ToString((long)HclEvaluator.ToNumber(arg, span), 2),
                't' => HclEvaluator.ToBool(arg, span) ? "true" : "false",
                'q' => HclJson.Quote(Text(arg, span)),
                'v' or 's' => arg is HclList or HclMap ? (HclJson.Encode(arg, span) as HclString)?.Value ?? "" : Text(arg, span),
                _ => throw new EvaluationException($"format(): unknown verb %{verb}", span),
            };
            var pad = width.Split('.')[0];
            if (pad.Length > 0 && int.TryParse(pad, out var w) && w > text.Length && w < 1000)
            {
                text = text.PadLeft(w, format[i + 1] == '0' ? '0' : ' ');
            }

            result.Append(text);
            i = j;
        }

        EvaluationBudget.CheckString(result.Length, span);
        return new HclString(result.ToString());
    }

    private static string FormatFloat(double value, char verb, string width)
    {
        var precision = width.Contains('.', StringComparison.Ordinal) && int.TryParse(width.Split('.')[1], out var p) ? Math.Min(p, 30) : 6;
        return verb switch
        {
            'f' => value.ToString("F" + precision, CultureInfo.InvariantCulture),
            'e' => value.ToString("e" + precision, CultureInfo.InvariantCulture),
            _ => value.ToString("G", CultureInfo.InvariantCulture),
        };
    }

    private static HclList FormatList(List<HclValue> args, SourceSpan span)
    {
        var length = args.Skip(1).OfType<HclList>().Select(l => l.Items.Count).DefaultIfEmpty(1).Max();
        EvaluationBudget.CheckSize(length, span);
        var items = new List<HclValue>(length);
        for (var i = 0; i < length; i++)
        {
            var row = new List<HclValue> { args[0] };
            row.AddRange(args.Skip(1).Select(a => a is HclList l ? (i < l.Items.Count ? l.Items[i] : throw new EvaluationException("formatlist(): lists of different lengths", span)) : a));
            items.Add(Format(row, span));
        }

        return new HclList(items);
    }

    private static HclString Join(List<HclValue> args, SourceSpan span)
    {
        if (args.Count < 2)
        {
            throw new EvaluationException("join() takes a separator and lists", span);
        }

        var separator = Text(args[0], span);
        var text = string.Join(separator, args.Skip(1).SelectMany(a => AsList(a, span).Items).Select(i => Text(i, span)));
        EvaluationBudget.CheckString(text.Length, span);
        return new HclString(text);
    }

    private static HclList Split(HclFunctionCall call, List<HclValue> args, SourceSpan span)
    {
        Arity(call, args, 2);
        var parts = Text(args[1], span).Split(Text(args[0], span));
        EvaluationBudget.CheckSize(parts.Length, span);
        return new HclList([.. parts.Select(p => (HclValue)new HclString(p))]);
    }

    private static HclString Replace(HclFunctionCall call, List<HclValue> args, SourceSpan span)
    {
        Arity(call, args, 3);
        var text = Text(args[0], span);
        var search = Text(args[1], span);
        var replacement = Text(args[2], span);
        string result;
        if (search.Length > 2 && search.StartsWith('/') && search.EndsWith('/'))
        {
            try
            {
                result = new Regex(search[1..^1], RegexOptions.None, RegexTimeout).Replace(text, replacement.Replace("$", "$$", StringComparison.Ordinal).Replace("$${", "${", StringComparison.Ordinal));
            }
            catch (Exception ex) when (ex is ArgumentException or RegexMatchTimeoutException)
            {
                throw new EvaluationException("replace(): " + ex.Message, span);
            }
        }
        else
        {
            result = search.Length == 0 ? text : text.Replace(search, replacement, StringComparison.Ordinal);
        }

        EvaluationBudget.CheckString(result.Length, span);
        return new HclString(result);
    }

    private static HclString Substr(HclFunctionCall call, List<HclValue> args, SourceSpan span)
    {
        Arity(call, args, 3);
        var text = Text(args[0], span);
        var offset = (int)HclEvaluator.ToNumber(args[1], span);
        var length = (int)HclEvaluator.ToNumber(args[2], span);
        if (offset < 0)
        {
            offset = Math.Max(0, text.Length + offset);
        }

        offset = Math.Min(offset, text.Length);
        length = length < 0 ? text.Length - offset : Math.Min(length, text.Length - offset);
        return new HclString(text.Substring(offset, length));
    }

    private static HclList Slice(HclFunctionCall call, List<HclValue> args, SourceSpan span)
    {
        Arity(call, args, 3);
        var list = AsList(args[0], span);
        var from = (int)HclEvaluator.ToNumber(args[1], span);
        var to = (int)HclEvaluator.ToNumber(args[2], span);
        if (from < 0 || to > list.Items.Count || from > to)
        {
            throw new EvaluationException("slice(): indexes out of range", span);
        }

        return new HclList([.. list.Items.Skip(from).Take(to - from)]);
    }

    private static HclList Range(List<HclValue> args, SourceSpan span)
    {
        var numbers = args.Select(a => HclEvaluator.ToNumber(a, span)).ToList();
        var (start, limit, step) = numbers.Count switch
        {
            1 => (0d, numbers[0], 1d),
            2 => (numbers[0], numbers[1], numbers[0] <= numbers[1] ? 1d : -1d),
            3 => (numbers[0], numbers[1], numbers[2]),
            _ => throw new EvaluationException("range() takes one to three numbers", span),
        };
        if (step == 0)
        {
            throw new EvaluationException("range(): step cannot be zero", span);
        }

        var count = Math.Max(0, Math.Ceiling((limit - start) / step));
        EvaluationBudget.CheckSize(count > int.MaxValue ? int.MaxValue : (int)count, span);
        var items = new List<HclValue>();
        for (var i = 0; i < count; i++)
        {
            items.Add(new HclNumber(start + (i * step)));
        }

        return new HclList(items);
    }

    private static HclValue Regex(HclFunctionCall call, List<HclValue> args, SourceSpan span, bool all)
    {
        Arity(call, args, 2);
        try
        {
            var regex = new Regex(Text(args[0], span), RegexOptions.None, RegexTimeout);
            var text = Text(args[1], span);
            HclValue Result(Match m)
            {
                var names = regex.GetGroupNames().Where(n => !int.TryParse(n, out _)).ToList();
                if (names.Count > 0)
                {
                    return HclMap.From(names.Select(n => new KeyValuePair<string, HclValue>(n, new HclString(m.Groups[n].Value))));
                }

                return m.Groups.Count > 1 ? new HclList([.. m.Groups.Cast<Group>().Skip(1).Select(g => (HclValue)new HclString(g.Value))]) : new HclString(m.Value);
            }

            if (all)
            {
                return new HclList([.. regex.Matches(text).Take(EvaluationBudget.MaxCollection).Select(Result)]);
            }

            var match = regex.Match(text);
            return match.Success ? Result(match) : throw new EvaluationException("regex(): no match", span);
        }
        catch (Exception ex) when (ex is ArgumentException or RegexMatchTimeoutException)
        {
            throw new EvaluationException("regex: " + ex.Message, span);
        }
    }

    private static string Base64Decode(string text, SourceSpan span)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(text));
        }
        catch (FormatException)
        {
            throw new EvaluationException("base64decode(): not base64", span);
        }
    }

    private static HclList Distinct(HclList list)
    {
        var items = new List<HclValue>();
        foreach (var i in list.Items)
        {
            if (!items.Any(x => HclEvaluator.Same(x, i)))
            {
                items.Add(i);
            }
        }

        return new HclList(items) { References = list.References };
    }

    private static HclList AsList(HclValue value, SourceSpan span) => value switch
    {
        HclList l => l,
        _ => throw new EvaluationException($"a list is needed, not a {value.TypeName}", span),
    };

    private static string Text(HclValue value, SourceSpan span) => HclEvaluator.ToText(value, span);

    private static HclBool Bool(bool value) => value ? HclValue.True : HclValue.False;

    private static HclValue One(HclFunctionCall call, List<HclValue> args, Func<HclValue, HclValue> f)
    {
        Arity(call, args, 1);
        return f(args[0]);
    }

    private static HclValue Two(HclFunctionCall call, List<HclValue> args, Func<HclValue, HclValue, HclValue> f)
    {
        Arity(call, args, 2);
        return f(args[0], args[1]);
    }

    private static void Arity(HclFunctionCall call, List<HclValue> args, int min, int? max = null)
    {
        if (args.Count < min || args.Count > (max ?? min))
        {
            throw new EvaluationException($"{call.Name}() takes {(max is { } m && m != min ? $"{min} to {m}" : min.ToString(CultureInfo.InvariantCulture))} arguments, not {args.Count}", call.Span);
        }
    }

    private static List<HclReference> AllReferences(IEnumerable<HclValue> args)
    {
        var all = new List<HclReference>();
        foreach (var r in args.SelectMany(a => a.AllReferences()))
        {
            if (!all.Contains(r))
            {
                all.Add(r);
            }
        }

        return all;
    }

    private static HclUnknown UnknownOf(IEnumerable<HclValue> args, SourceSpan span) => HclUnknown.Of(AllReferences(args), span);
}
