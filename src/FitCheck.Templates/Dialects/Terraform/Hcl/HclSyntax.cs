using FitCheck.Model;

namespace FitCheck.Templates.Dialects.Terraform.Hcl;

/// <summary>A body: the attributes and blocks of a file or of a block, in source order.</summary>
public sealed class HclBody(IReadOnlyList<HclAttribute> attributes, IReadOnlyList<HclBlock> blocks, SourceSpan span)
{
    public IReadOnlyList<HclAttribute> Attributes { get; } = attributes;

    public IReadOnlyList<HclBlock> Blocks { get; } = blocks;

    /// <summary>From the opening brace to the closing one (the whole file for a file's body).</summary>
    public SourceSpan Span { get; } = span;

    /// <summary>The attribute with that name (the last one written, when duplicated), or null.</summary>
    public HclAttribute? Attribute(string name)
    {
        for (var i = Attributes.Count - 1; i >= 0; i--)
        {
            if (Attributes[i].Name == name)
            {
                return Attributes[i];
            }
        }

        return null;
    }

    public IEnumerable<HclBlock> BlocksOfType(string type) => Blocks.Where(b => b.Type == type);

    public static HclBody Empty(SourceSpan span) => new([], [], span);
}

/// <summary><c>name = expression</c>.</summary>
public sealed record HclAttribute(string Name, HclExpression Expression, SourceSpan NameSpan, SourceSpan Span);

/// <summary>A label of a block, with its position.</summary>
public sealed record HclLabel(string Value, SourceSpan Span);

/// <summary><c>type "label" "label" { body }</c>.</summary>
public sealed record HclBlock(string Type, IReadOnlyList<HclLabel> Labels, HclBody Body, SourceSpan TypeSpan, SourceSpan Span)
{
    public string? Label(int index) => index < Labels.Count ? Labels[index].Value : null;
}

/// <summary>An expression of HCL's native syntax (or of the JSON syntax, read into the same shapes).</summary>
public abstract class HclExpression(SourceSpan span)
{
    public SourceSpan Span { get; } = span;

    /// <summary>The direct sub-expressions, for walks that need every reference an expression makes.</summary>
    public abstract IEnumerable<HclExpression> Children { get; }
}

/// <summary>A number, <c>true</c>, <c>false</c> or <c>null</c>.</summary>
public sealed class HclLiteral(HclValue value, SourceSpan span) : HclExpression(span)
{
    public HclValue Value { get; } = value;

    public override IEnumerable<HclExpression> Children => [];
}

/// <summary>One part of a template: literal text, an interpolation, or a directive.</summary>
public abstract record HclTemplatePart(SourceSpan Span);

public sealed record HclTemplateLiteral(string Text, SourceSpan Span) : HclTemplatePart(Span);

public sealed record HclTemplateInterpolation(HclExpression Expression, SourceSpan Span) : HclTemplatePart(Span);

/// <summary><c>%{ if cond }...%{ else }...%{ endif }</c>.</summary>
public sealed record HclTemplateIf(HclExpression Condition, IReadOnlyList<HclTemplatePart> Then, IReadOnlyList<HclTemplatePart> Else, SourceSpan Span) : HclTemplatePart(Span);

/// <summary><c>%{ for k, v in coll }...%{ endfor }</c>.</summary>
public sealed record HclTemplateFor(string? KeyName, string ValueName, HclExpression Collection, IReadOnlyList<HclTemplatePart> Body, SourceSpan Span) : HclTemplatePart(Span);

/// <summary>A quoted string or heredoc: literal text with interpolations and directives.</summary>
public sealed class HclTemplate(IReadOnlyList<HclTemplatePart> parts, SourceSpan span) : HclExpression(span)
{
    public IReadOnlyList<HclTemplatePart> Parts { get; } = parts;

    /// <summary>The text when the template has no interpolation or directive, else null.</summary>
    public string? LiteralText => Parts.Count switch
    {
        0 => "",
        1 when Parts[0] is HclTemplateLiteral only => only.Text,
        _ when Parts.All(p => p is HclTemplateLiteral) => string.Concat(Parts.Cast<HclTemplateLiteral>().Select(p => p.Text)),
        _ => null,
    };

    public override IEnumerable<HclExpression> Children => PartExpressions(Parts);

    private static IEnumerable<HclExpression> PartExpressions(IEnumerable<HclTemplatePart> parts)
    {
        foreach (var part in parts)
        {
            switch (part)
            {
                case HclTemplateInterpolation i:
                    yield return i.Expression;
                    break;
                case HclTemplateIf f:
                    yield return f.Condition;
                    foreach (var e in PartExpressions(f.Then.Concat(f.Else)))
                    {
                        yield return e;
                    }

                    break;
                case HclTemplateFor l:
                    yield return l.Collection;
                    foreach (var e in PartExpressions(l.Body))
                    {
                        yield return e;
                    }

                    break;
            }
        }
    }
}

/// <summary>A name at the root of a traversal: <c>var</c>, <c>local</c>, <c>aws_sqs_queue</c>, <c>each</c>, a for-expression's variable.</summary>
public sealed class HclVariable(string name, SourceSpan span) : HclExpression(span)
{
    public string Name { get; } = name;

    public override IEnumerable<HclExpression> Children => [];
}

/// <summary><c>source.name</c> (also the legacy <c>source.0</c> index, with a number for a name).</summary>
public sealed class HclGetAttr(HclExpression source, string name, SourceSpan span) : HclExpression(span)
{
    public HclExpression Source { get; } = source;

    public string Name { get; } = name;

    public override IEnumerable<HclExpression> Children => [Source];
}

/// <summary><c>source[key]</c>.</summary>
public sealed class HclIndex(HclExpression source, HclExpression key, SourceSpan span) : HclExpression(span)
{
    public HclExpression Source { get; } = source;

    public HclExpression Key { get; } = key;

    public override IEnumerable<HclExpression> Children => [Source, Key];
}

/// <summary>The placeholder a splat applies its traversal to, item by item.</summary>
public sealed class HclSplatItem(SourceSpan span) : HclExpression(span)
{
    public override IEnumerable<HclExpression> Children => [];
}

/// <summary><c>source[*].a.b</c> or <c>source.*.a</c>: <see cref="Each"/> is the traversal applied to each item (rooted at a <see cref="HclSplatItem"/>).</summary>
public sealed class HclSplat(HclExpression source, HclExpression each, SourceSpan span) : HclExpression(span)
{
    public HclExpression Source { get; } = source;

    public HclExpression Each { get; } = each;

    public override IEnumerable<HclExpression> Children => [Source, Each];
}

/// <summary><c>name(args)</c>, with <c>...</c> after the last argument when it is expanded.</summary>
public sealed class HclFunctionCall(string name, IReadOnlyList<HclExpression> arguments, bool expandFinal, SourceSpan nameSpan, SourceSpan span) : HclExpression(span)
{
    public string Name { get; } = name;

    public IReadOnlyList<HclExpression> Arguments { get; } = arguments;

    public bool ExpandFinal { get; } = expandFinal;

    public SourceSpan NameSpan { get; } = nameSpan;

    public override IEnumerable<HclExpression> Children => Arguments;
}

/// <summary><c>[a, b, c]</c>.</summary>
public sealed class HclTuple(IReadOnlyList<HclExpression> items, SourceSpan span) : HclExpression(span)
{
    public IReadOnlyList<HclExpression> Items { get; } = items;

    public override IEnumerable<HclExpression> Children => Items;
}

/// <summary>A key of an object constructor: a bare name is the string it spells, anything else is evaluated.</summary>
public sealed record HclObjectItem(HclExpression Key, string? BareKey, HclExpression Value);

/// <summary><c>{ key = value, ... }</c>.</summary>
public sealed class HclObject(IReadOnlyList<HclObjectItem> items, SourceSpan span) : HclExpression(span)
{
    public IReadOnlyList<HclObjectItem> Items { get; } = items;

    public override IEnumerable<HclExpression> Children => Items.SelectMany(i => new[] { i.Key, i.Value });
}

/// <summary><c>[for k, v in coll : value if cond]</c> or <c>{for k, v in coll : key => value... if cond}</c>.</summary>
public sealed class HclFor(string? keyName, string valueName, HclExpression collection, HclExpression? keyExpression, HclExpression value, HclExpression? condition, bool grouping, SourceSpan span) : HclExpression(span)
{
    public string? KeyName { get; } = keyName;

    public string ValueName { get; } = valueName;

    public HclExpression Collection { get; } = collection;

    /// <summary>Set for the object form.</summary>
    public HclExpression? KeyExpression { get; } = keyExpression;

    public HclExpression Value { get; } = value;

    public HclExpression? Condition { get; } = condition;

    /// <summary>The object form with <c>...</c>: values with the same key are grouped into lists.</summary>
    public bool Grouping { get; } = grouping;

    public override IEnumerable<HclExpression> Children =>
        new[] { Collection, KeyExpression, Value, Condition }.OfType<HclExpression>();
}

/// <summary><c>cond ? a : b</c>.</summary>
public sealed class HclConditional(HclExpression condition, HclExpression whenTrue, HclExpression whenFalse, SourceSpan span) : HclExpression(span)
{
    public HclExpression Condition { get; } = condition;

    public HclExpression WhenTrue { get; } = whenTrue;

    public HclExpression WhenFalse { get; } = whenFalse;

    public override IEnumerable<HclExpression> Children => [Condition, WhenTrue, WhenFalse];
}

/// <summary><c>a op b</c>; <see cref="Operator"/> as written (<c>+</c>, <c>==</c>, <c>&amp;&amp;</c>...).</summary>
public sealed class HclBinary(string op, HclExpression left, HclExpression right, SourceSpan span) : HclExpression(span)
{
    public string Operator { get; } = op;

    public HclExpression Left { get; } = left;

    public HclExpression Right { get; } = right;

    public override IEnumerable<HclExpression> Children => [Left, Right];
}

/// <summary><c>!a</c> or <c>-a</c>.</summary>
public sealed class HclUnary(string op, HclExpression operand, SourceSpan span) : HclExpression(span)
{
    public string Operator { get; } = op;

    public HclExpression Operand { get; } = operand;

    public override IEnumerable<HclExpression> Children => [Operand];
}

/// <summary><c>(expression)</c>.</summary>
public sealed class HclParenthesis(HclExpression inner, SourceSpan span) : HclExpression(span)
{
    public HclExpression Inner { get; } = inner;

    public override IEnumerable<HclExpression> Children => [Inner];
}

/// <summary>What the reader could not read: evaluates to an unknown value (the diagnostic says why).</summary>
public sealed class HclInvalid(SourceSpan span) : HclExpression(span)
{
    public override IEnumerable<HclExpression> Children => [];
}
