using System.Globalization;
using System.Text;
using FitCheck.Model;
using FitCheck.Templates.Reading;

namespace FitCheck.Templates.Dialects.Terraform.Hcl;

/// <summary>
/// Reads HCL2's native syntax (what <c>.tf</c>, <c>.tfvars</c> and <c>.tftpl</c> files are written in) into a positioned
/// syntax tree. A recursive-descent parser straight over the characters, so templates, heredocs and nested strings need no
/// lexer modes. It never throws: a syntax error is a diagnostic at its line and column, and reading resumes at the next
/// top-level block, so one bad block does not hide the others. Nesting deeper than <see cref="ReaderLimits.MaxDepth"/> is a
/// limit diagnostic.
/// </summary>
public sealed class HclParser
{
    private const int MaxDiagnostics = 20;

    private readonly string _text;
    private readonly string _path;
    private readonly List<Diagnostic> _diagnostics;
    private readonly int[] _lineStarts;
    private int _pos;
    private int _depth;
    private bool _newlines;
    private int _errors;
    private int _baseLine;
    private int _baseColumn;

    private HclParser(string text, string path, List<Diagnostic> diagnostics)
    {
        _text = text;
        _path = path;
        _diagnostics = diagnostics;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
    }

    /// <summary>Reads a configuration file (<c>.tf</c>, <c>.tfvars</c>). Errors go to <paramref name="diagnostics"/>.</summary>
    public static HclBody ParseFile(string text, string path, List<Diagnostic> diagnostics)
    {
        var parser = new HclParser(text, path, diagnostics);
        return parser.ParseTopLevel();
    }

    /// <summary>Reads a whole file as a template (what <c>templatefile</c> reads).</summary>
    /// <param name="origin">Where the text starts in its file, when it is a string inside another file (a JSON string).</param>
    public static HclExpression ParseTemplate(string text, string path, List<Diagnostic> diagnostics, SourceSpan? origin = null)
    {
        var parser = new HclParser(text, path, diagnostics);
        if (origin is not null)
        {
            parser._baseLine = origin.Line - 1;
            parser._baseColumn = origin.Column;
        }

        try
        {
            var start = parser._pos;
            var parts = parser.ParseTemplateParts(TemplateEnd.Bounded, text.Length, 0);
            return new HclTemplate(parts, parser.SpanOf(start, parser._pos));
        }
        catch (HclSyntaxException ex)
        {
            parser.Report(ex);
            return new HclInvalid(parser.SpanOf(0, 0));
        }
    }

    /// <summary>Reads one expression (the strings of the JSON syntax are templates; <c>"${...}"</c> holds expressions).</summary>
    public static HclExpression ParseExpression(string text, string path, List<Diagnostic> diagnostics)
    {
        var parser = new HclParser(text, path, diagnostics);
        try
        {
            parser.Skip();
            var e = parser.Expression();
            parser.Skip();
            if (!parser.AtEnd)
            {
                throw parser.Error("unexpected text after the expression");
            }

            return e;
        }
        catch (HclSyntaxException ex)
        {
            parser.Report(ex);
            return new HclInvalid(parser.SpanOf(0, 0));
        }
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Cur => _pos < _text.Length ? _text[_pos] : '\0';

    private char At(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    // ---------------------------------------------------------------- positions and errors

    internal SourceSpan SpanOf(int start, int end)
    {
        var (l1, c1) = LineColumn(start);
        var (l2, c2) = LineColumn(Math.Max(start, end));
        return new SourceSpan(_path, l1 + _baseLine, l1 == 1 ? c1 + _baseColumn : c1, l2 + _baseLine, l2 == 1 ? c2 + _baseColumn : c2);
    }

    private (int Line, int Column) LineColumn(int pos)
    {
        var i = Array.BinarySearch(_lineStarts, pos);
        if (i < 0)
        {
            i = ~i - 1;
        }

        return (i + 1, pos - _lineStarts[i] + 1);
    }

    private HclSyntaxException Error(string message, int? at = null) => new(message, at ?? _pos, false);

    private void Report(HclSyntaxException ex)
    {
        if (++_errors > MaxDiagnostics)
        {
            return;
        }

        var span = SpanOf(ex.Position, ex.Position);
        _diagnostics.Add(ex.Limit
            ? new Diagnostic(DiagnosticCodes.Limit, DiagnosticLevel.Error, ex.Message, span)
            : new Diagnostic(DiagnosticCodes.Syntax, DiagnosticLevel.Error, "HCL syntax error: " + ex.Message, span));
    }

    private void Enter()
    {
        if (++_depth > ReaderLimits.MaxDepth)
        {
            throw new HclSyntaxException($"nesting deeper than {ReaderLimits.MaxDepth} levels; fitcheck stops reading here", _pos, true);
        }
    }

    private void Leave() => _depth--;

    // ---------------------------------------------------------------- trivia

    /// <summary>Skips spaces, tabs and comments, and line ends unless they are significant here.</summary>
    private void Skip()
    {
        while (!AtEnd)
        {
            var c = Cur;
            if (c is ' ' or '\t' or '\r' or '\uFEFF')
            {
                _pos++;
            }
            else if (c == '\n')
            {
                if (_newlines)
                {
                    return;
                }

                _pos++;
            }
            else if (c == '#' || (c == '/' && At(1) == '/'))
            {
                while (!AtEnd && Cur != '\n')
                {
                    _pos++;
                }
            }
            else if (c == '/' && At(1) == '*')
            {
                var end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error("a /* comment is never closed");
                }

                _pos = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Skips trivia including line ends.</summary>
    private void SkipAll()
    {
        var saved = _newlines;
        _newlines = false;
        Skip();
        _newlines = saved;
    }

    private static bool IsNameStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-';

    private string? TryName()
    {
        if (!IsNameStart(Cur))
        {
            return null;
        }

        var start = _pos;
        while (!AtEnd && IsNameChar(Cur))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private bool TryTake(string token)
    {
        if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0)
        {
            _pos += token.Length;
            return true;
        }

        return false;
    }

    private void Expect(char c, string what)
    {
        if (Cur != c)
        {
            throw Error(AtEnd ? $"the file ends where {what} was expected" : $"expected {what}, found '{Describe(Cur)}'");
        }

        _pos++;
    }

    private static string Describe(char c) => c switch
    {
        '\n' => "end of line",
        '\0' => "end of file",
        _ => c.ToString(),
    };

    // ---------------------------------------------------------------- bodies

    private HclBody ParseTopLevel()
    {
        var attributes = new List<HclAttribute>();
        var blocks = new List<HclBlock>();
        _newlines = false;
        while (true)
        {
            try
            {
                _newlines = false;
                Skip();
                if (AtEnd)
                {
                    break;
                }

                ParseBodyItem(attributes, blocks);
            }
            catch (HclSyntaxException ex)
            {
                Report(ex);
                if (ex.Limit || !RecoverToNextTopLevel())
                {
                    break;
                }
            }
        }

        return new HclBody(attributes, blocks, SpanOf(0, _text.Length));
    }

    /// <summary>After an error, resumes at the next line that starts (column 1) with a name: the next top-level block as formatted code writes it.</summary>
    private bool RecoverToNextTopLevel()
    {
        _depth = 0;
        _newlines = false;
        var (line, _) = LineColumn(Math.Min(_pos, Math.Max(0, _text.Length - 1)));
        for (var l = line; l < _lineStarts.Length; l++)
        {
            var p = _lineStarts[l];
            if (p < _text.Length && IsNameStart(_text[p]))
            {
                _pos = p;
                return true;
            }
        }

        _pos = _text.Length;
        return false;
    }

    private void ParseBodyItem(List<HclAttribute> attributes, List<HclBlock> blocks)
    {
        var start = _pos;
        var name = TryName() ?? throw Error(Cur == '"' ? "a block type or attribute name cannot be quoted" : $"expected an attribute or a block, found '{Describe(Cur)}'");
        var nameSpan = SpanOf(start, _pos);
        _newlines = true;
        Skip();
        if (Cur == '=' && At(1) != '=')
        {
            _pos++;
            Skip();
            var value = Expression();
            attributes.Add(new HclAttribute(name, value, nameSpan, SpanOf(start, _pos)));
            EndOfItem();
            return;
        }

        var labels = new List<HclLabel>();
        while (Cur != '{')
        {
            var labelStart = _pos;
            if (Cur == '"')
            {
                var template = QuotedTemplate();
                labels.Add(new HclLabel(template.LiteralText ?? throw Error("a block label cannot hold an interpolation", labelStart), SpanOf(labelStart, _pos)));
            }
            else if (TryName() is { } bare)
            {
                labels.Add(new HclLabel(bare, SpanOf(labelStart, _pos)));
            }
            else
            {
                throw Error(Cur == '\n' || AtEnd
                    ? $"'{name}' is followed by neither '=' (an attribute) nor '{{' (a block)"
                    : $"expected '=' or a block's '{{' after '{name}', found '{Describe(Cur)}'");
            }

            Skip();
        }

        var open = _pos;
        _pos++;
        Enter();
        _newlines = false;
        var body = ParseBlockBody(open);
        Leave();
        blocks.Add(new HclBlock(name, labels, body, nameSpan, SpanOf(start, _pos)));
        _newlines = true;
        EndOfItem();
    }

    private HclBody ParseBlockBody(int open)
    {
        var attributes = new List<HclAttribute>();
        var blocks = new List<HclBlock>();
        while (true)
        {
            _newlines = false;
            Skip();
            if (AtEnd)
            {
                throw Error("the block opened here is never closed", open);
            }

            if (Cur == '}')
            {
                _pos++;
                return new HclBody(attributes, blocks, SpanOf(open, _pos));
            }

            ParseBodyItem(attributes, blocks);
        }
    }

    /// <summary>After an attribute or a block: the line must end (or the enclosing one-line block close).</summary>
    private void EndOfItem()
    {
        _newlines = true;
        Skip();
        if (AtEnd || Cur == '}')
        {
            return;
        }

        if (Cur == '\n')
        {
            _pos++;
            return;
        }

        throw Error($"expected the end of the line, found '{Describe(Cur)}'");
    }

    // ---------------------------------------------------------------- expressions

    private HclExpression Expression()
    {
        Enter();
        try
        {
            var start = _pos;
            var condition = Binary(0);
            Skip();
            if (Cur != '?')
            {
                return condition;
            }

            _pos++;
            SkipAll();
            var whenTrue = Expression();
            SkipAll();
            Expect(':', "':' of the conditional expression");
            SkipAll();
            var whenFalse = Expression();
            return new HclConditional(condition, whenTrue, whenFalse, SpanOf(start, _pos));
        }
        finally
        {
            Leave();
        }
    }

    private static readonly string[][] Levels =
    [
        ["||"],
        ["&&"],
        ["==", "!="],
        ["<=", ">=", "<", ">"],
        ["+", "-"],
        ["*", "/", "%"],
    ];

    private HclExpression Binary(int level)
    {
        if (level == Levels.Length)
        {
            return Unary();
        }

        var start = _pos;
        var left = Binary(level + 1);
        while (true)
        {
            Skip();
            var op = MatchOperator(Levels[level]);
            if (op is null)
            {
                return left;
            }

            _pos += op.Length;
            SkipAll();
            var right = Binary(level + 1);
            left = new HclBinary(op, left, right, SpanOf(start, _pos));
        }
    }

    private string? MatchOperator(string[] ops)
    {
        foreach (var op in ops)
        {
            if (string.CompareOrdinal(_text, _pos, op, 0, op.Length) != 0)
            {
                continue;
            }

            // '/' that starts a comment, '=>' and '<<' (heredoc) are not these operators.
            var next = At(op.Length);
            if ((op == "/" && next is '/' or '*') || (op is "<" && next is '<') || (op is ">" or "<" && next == '='))
            {
                continue;
            }

            return op;
        }

        return null;
    }

    private HclExpression Unary()
    {
        var start = _pos;
        if (Cur == '!' && At(1) != '=' || Cur == '-')
        {
            var op = Cur.ToString();
            _pos++;
            Skip();
            Enter();
            var operand = Unary();
            Leave();
            return new HclUnary(op, operand, SpanOf(start, _pos));
        }

        return Postfix(Primary());
    }

    private HclExpression Postfix(HclExpression expression)
    {
        var start = _pos - 0;
        var origin = expression.Span;
        while (true)
        {
            var save = _pos;
            Skip();
            if (Cur == '.' && At(1) != '.')
            {
                _pos++;
                if (Cur == '*')
                {
                    _pos++;
                    expression = new HclSplat(expression, SplatTraversal(attributesOnly: true), Extend(origin));
                    continue;
                }

                var nameStart = _pos;
                if (char.IsAsciiDigit(Cur))
                {
                    while (char.IsAsciiDigit(Cur))
                    {
                        _pos++;
                    }

                    var digits = _text[nameStart.._pos];
                    expression = new HclIndex(expression, new HclLiteral(new HclNumber(double.Parse(digits, CultureInfo.InvariantCulture)), SpanOf(nameStart, _pos)), Extend(origin));
                    continue;
                }

                var name = TryName() ?? throw Error("expected an attribute name after '.'");
                expression = new HclGetAttr(expression, name, Extend(origin));
            }
            else if (Cur == '[')
            {
                if (At(1) == '*' && PeekAfterStar(']'))
                {
                    _pos = _text.IndexOf(']', _pos) + 1;
                    expression = new HclSplat(expression, SplatTraversal(attributesOnly: false), Extend(origin));
                    continue;
                }

                _pos++;
                var saved = _newlines;
                _newlines = false;
                Skip();
                var key = Expression();
                Skip();
                Expect(']', "']' closing the index");
                _newlines = saved;
                expression = new HclIndex(expression, key, Extend(origin));
            }
            else
            {
                _pos = save;
                _ = start;
                return expression;
            }
        }
    }

    private bool PeekAfterStar(char close)
    {
        var p = _pos + 2;
        while (p < _text.Length && _text[p] is ' ' or '\t')
        {
            p++;
        }

        return p < _text.Length && _text[p] == close;
    }

    private SourceSpan Extend(SourceSpan origin)
    {
        var (line, column) = LineColumn(_pos);
        return origin with { EndLine = line, EndColumn = column };
    }

    /// <summary>The traversal after <c>[*]</c> (attributes and indexes) or <c>.*</c> (attributes only), applied to each item.</summary>
    private HclExpression SplatTraversal(bool attributesOnly)
    {
        var item = new HclSplatItem(SpanOf(_pos, _pos));
        HclExpression each = item;
        while (true)
        {
            var save = _pos;
            Skip();
            if (Cur == '.' && IsNameStart(At(1)))
            {
                _pos++;
                var name = TryName()!;
                each = new HclGetAttr(each, name, SpanOf(save, _pos));
            }
            else if (!attributesOnly && Cur == '[' && At(1) != '*')
            {
                _pos++;
                var saved = _newlines;
                _newlines = false;
                Skip();
                var key = Expression();
                Skip();
                Expect(']', "']' closing the index");
                _newlines = saved;
                each = new HclIndex(each, key, SpanOf(save, _pos));
            }
            else
            {
                _pos = save;
                return each;
            }
        }
    }

    private HclExpression Primary()
    {
        var start = _pos;
        var c = Cur;
        if (char.IsAsciiDigit(c))
        {
            return Number();
        }

        if (c == '"')
        {
            return QuotedTemplate();
        }

        if (c == '<' && At(1) == '<')
        {
            return Heredoc();
        }

        if (c == '(')
        {
            _pos++;
            var saved = _newlines;
            _newlines = false;
            Skip();
            var inner = Expression();
            Skip();
            Expect(')', "')'");
            _newlines = saved;
            return new HclParenthesis(inner, SpanOf(start, _pos));
        }

        if (c == '[')
        {
            return TupleOrFor();
        }

        if (c == '{')
        {
            return ObjectOrFor();
        }

        if (IsNameStart(c))
        {
            var name = TryName()!;
            var nameSpan = SpanOf(start, _pos);
            // Provider-defined functions: provider::aws::arn_parse(...).
            while (Cur == ':' && At(1) == ':' && IsNameStart(At(2)))
            {
                _pos += 2;
                name += "::" + TryName();
                nameSpan = SpanOf(start, _pos);
            }

            var save = _pos;
            Skip();
            if (Cur == '(')
            {
                return Call(name, nameSpan, start);
            }

            _pos = save;
            return name switch
            {
                "true" => new HclLiteral(HclValue.True, nameSpan),
                "false" => new HclLiteral(HclValue.False, nameSpan),
                "null" => new HclLiteral(HclValue.Null, nameSpan),
                _ => new HclVariable(name, nameSpan),
            };
        }

        throw Error(AtEnd ? "the file ends where an expression was expected" : $"expected an expression, found '{Describe(c)}'");
    }

    private HclLiteral Number()
    {
        var start = _pos;
        while (char.IsAsciiDigit(Cur))
        {
            _pos++;
        }

        if (Cur == '.' && char.IsAsciiDigit(At(1)))
        {
            _pos++;
            while (char.IsAsciiDigit(Cur))
            {
                _pos++;
            }
        }

        if (Cur is 'e' or 'E' && (char.IsAsciiDigit(At(1)) || (At(1) is '+' or '-' && char.IsAsciiDigit(At(2)))))
        {
            _pos += 2;
            while (char.IsAsciiDigit(Cur))
            {
                _pos++;
            }
        }

        var text = _text[start.._pos];
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsInfinity(value))
        {
            throw Error($"'{text}' is not a number HCL can hold", start);
        }

        return new HclLiteral(new HclNumber(value), SpanOf(start, _pos));
    }

    private HclFunctionCall Call(string name, SourceSpan nameSpan, int start)
    {
        _pos++;
        var saved = _newlines;
        _newlines = false;
        var args = new List<HclExpression>();
        var expand = false;
        Skip();
        while (Cur != ')')
        {
            args.Add(Expression());
            Skip();
            if (TryTake("..."))
            {
                expand = true;
                Skip();
            }

            AfterItem(')', $"the arguments of {name}()");
        }

        _pos++;
        _newlines = saved;
        return new HclFunctionCall(name, args, expand, nameSpan, SpanOf(start, _pos));
    }

    /// <summary>After an item of a comma-separated list: takes the comma (and what follows it up to the next item), or
    /// leaves the closing bracket for the caller; anything else is an error naming <paramref name="where"/>.</summary>
    private void AfterItem(char close, string where)
    {
        if (Cur == ',')
        {
            _pos++;
            Skip();
        }
        else if (Cur != close)
        {
            throw Error($"expected ',' or '{close}' in {where}, found '{Describe(Cur)}'");
        }
    }

    private bool AtKeyword(string keyword)
    {
        if (string.CompareOrdinal(_text, _pos, keyword, 0, keyword.Length) != 0)
        {
            return false;
        }

        var next = At(keyword.Length);
        return !IsNameChar(next);
    }

    private HclExpression TupleOrFor()
    {
        var start = _pos;
        _pos++;
        var saved = _newlines;
        _newlines = false;
        Skip();
        if (AtKeyword("for") && LooksLikeFor())
        {
            var result = For(start, ']');
            _newlines = saved;
            return result;
        }

        var items = new List<HclExpression>();
        while (Cur != ']')
        {
            items.Add(Expression());
            Skip();
            AfterItem(']', "the list");
        }

        _pos++;
        _newlines = saved;
        return new HclTuple(items, SpanOf(start, _pos));
    }

    /// <summary><c>for</c> followed by a name is a for-expression (<c>for</c> alone may be a variable named so).</summary>
    private bool LooksLikeFor()
    {
        var p = _pos + 3;
        while (p < _text.Length && char.IsWhiteSpace(_text[p]))
        {
            p++;
        }

        return p < _text.Length && IsNameStart(_text[p]);
    }

    private HclExpression ObjectOrFor()
    {
        var start = _pos;
        _pos++;
        var saved = _newlines;
        _newlines = false;
        Skip();
        if (AtKeyword("for") && LooksLikeFor())
        {
            var result = For(start, '}');
            _newlines = saved;
            return result;
        }

        var items = new List<HclObjectItem>();
        while (true)
        {
            _newlines = false;
            Skip();
            if (Cur == '}')
            {
                break;
            }

            _newlines = true;
            var keyStart = _pos;
            HclExpression key;
            string? bare = null;
            if (IsNameStart(Cur) && !AtKeyword("true") && !AtKeyword("false") && !AtKeyword("null"))
            {
                var save = _pos;
                bare = TryName()!;
                var afterName = _pos;
                Skip();
                if (Cur is '=' or ':' && At(1) != '=' && At(1) != ':')
                {
                    key = new HclTemplate([new HclTemplateLiteral(bare, SpanOf(keyStart, afterName))], SpanOf(keyStart, afterName));
                }
                else
                {
                    _pos = save;
                    bare = null;
                    key = Expression();
                }
            }
            else
            {
                key = Expression();
            }

            Skip();
            if (Cur is not ('=' or ':'))
            {
                throw Error($"expected '=' or ':' after the object key, found '{Describe(Cur)}'");
            }

            _pos++;
            SkipAll();
            _newlines = true;
            var value = Expression();
            items.Add(new HclObjectItem(key, bare, value));
            Skip();
            if (Cur is ',' or '\n')
            {
                _pos++;
                continue;
            }

            if (Cur != '}')
            {
                throw Error($"expected ',', a new line or '}}' after the object item, found '{Describe(Cur)}'");
            }
        }

        _pos++;
        _newlines = saved;
        return new HclObject(items, SpanOf(start, _pos));
    }

    private HclFor For(int start, char close)
    {
        _pos += 3;
        Skip();
        var first = TryName() ?? throw Error("expected a variable name after 'for'");
        string? keyName = null;
        var valueName = first;
        Skip();
        if (Cur == ',')
        {
            _pos++;
            Skip();
            keyName = first;
            valueName = TryName() ?? throw Error("expected a second variable name after ','");
            Skip();
        }

        if (!AtKeyword("in"))
        {
            throw Error("expected 'in' in the for expression");
        }

        _pos += 2;
        Skip();
        var collection = Expression();
        Skip();
        Expect(':', "':' after the collection of the for expression");
        Skip();
        HclExpression? keyExpression = null;
        var first2 = Expression();
        Skip();
        HclExpression value;
        if (close == '}')
        {
            if (!TryTake("=>"))
            {
                throw Error("expected '=>' in the object for expression");
            }

            Skip();
            keyExpression = first2;
            value = Expression();
            Skip();
        }
        else
        {
            value = first2;
        }

        var grouping = false;
        if (close == '}' && TryTake("..."))
        {
            grouping = true;
            Skip();
        }

        HclExpression? condition = null;
        if (AtKeyword("if"))
        {
            _pos += 2;
            Skip();
            condition = Expression();
            Skip();
        }

        Expect(close, $"'{close}' closing the for expression");
        return new HclFor(keyName, valueName, collection, keyExpression, value, condition, grouping, SpanOf(start, _pos));
    }

    // ---------------------------------------------------------------- templates

    private enum TemplateEnd
    {
        Quote,
        Bounded,
    }

    private HclTemplate QuotedTemplate()
    {
        var start = _pos;
        _pos++;

        // Most quoted strings are plain text: one literal, made here as the general path makes it (the same parts and
        // spans), without its pieces and string builders. Anything else (an escape, an interpolation or directive, a line
        // end, no closing quote) takes the general path.
        var plain = _text.AsSpan(_pos).IndexOfAny(QuotedSpecials);
        if (plain >= 0 && _text[_pos + plain] == '"')
        {
            Enter();
            var textStart = _pos;
            _pos += plain + 1;
            List<HclTemplatePart> literal = plain == 0 ? [] : [new HclTemplateLiteral(_text.Substring(textStart, plain), SpanOf(textStart, _pos))];
            Leave();
            return new HclTemplate(literal, SpanOf(start, _pos));
        }

        var parts = ParseTemplateParts(TemplateEnd.Quote, _text.Length, 0);
        return new HclTemplate(parts, SpanOf(start, _pos));
    }

    /// <summary>The characters after which a quoted string is not plain text up to its closing quote.</summary>
    private static readonly System.Buffers.SearchValues<char> QuotedSpecials = System.Buffers.SearchValues.Create("\"\\$%\n");

    private HclTemplate Heredoc()
    {
        var start = _pos;
        _pos += 2;
        var indented = TryTake("-");
        var marker = TryName() ?? throw Error("expected a heredoc marker name after '<<'");
        while (Cur is ' ' or '\t' or '\r')
        {
            _pos++;
        }

        if (Cur != '\n')
        {
            throw Error("a heredoc marker must end its line");
        }

        _pos++;
        var contentStart = _pos;
        var (line, _) = LineColumn(contentStart);
        int? endLine = null;
        for (var l = line - 1; l < _lineStarts.Length; l++)
        {
            var ls = _lineStarts[l];
            var le = l + 1 < _lineStarts.Length ? _lineStarts[l + 1] : _text.Length;
            if (ls < contentStart)
            {
                continue;
            }

            if (_text.AsSpan(ls, le - ls).Trim().SequenceEqual(marker))
            {
                endLine = l;
                break;
            }
        }

        if (endLine is not { } closing)
        {
            throw Error($"the heredoc <<{(indented ? "-" : "")}{marker} is never closed by a line holding {marker}", start);
        }

        var contentEnd = _lineStarts[closing];
        var indent = 0;
        if (indented)
        {
            indent = int.MaxValue;
            for (var l = line - 1; l < closing; l++)
            {
                var ls = _lineStarts[l];
                var le = _lineStarts[l + 1];
                var n = 0;
                while (ls + n < le && _text[ls + n] is ' ' or '\t')
                {
                    n++;
                }

                if (ls + n < le && _text[ls + n] is not ('\n' or '\r'))
                {
                    indent = Math.Min(indent, n);
                }
            }

            if (indent == int.MaxValue)
            {
                indent = 0;
            }
        }

        var parts = ParseTemplateParts(TemplateEnd.Bounded, contentEnd, indent);
        _pos = closing + 1 < _lineStarts.Length ? _lineStarts[closing + 1] - 1 : _text.Length;
        while (_pos > contentEnd && _text[_pos - 1] is '\r')
        {
            _pos--;
        }

        return new HclTemplate(parts, SpanOf(start, _pos));
    }

    private abstract record Piece(int Position, bool StripLeft, bool StripRight);

    private sealed record TextPiece(StringBuilder Text, int Position, int End) : Piece(Position, false, false);

    private sealed record InterpolationPiece(HclExpression Expression, int Position, int End, bool StripLeft, bool StripRight) : Piece(Position, StripLeft, StripRight);

    private sealed record DirectivePiece(string Keyword, HclExpression? Expression, string? KeyName, string? ValueName, int Position, int End, bool StripLeft, bool StripRight) : Piece(Position, StripLeft, StripRight);

    private List<HclTemplatePart> ParseTemplateParts(TemplateEnd mode, int end, int indent)
    {
        Enter();
        var pieces = new List<Piece>();
        var text = new StringBuilder();
        var textStart = _pos;
        var templateStart = _pos;
        var lineStart = mode == TemplateEnd.Bounded;

        void Flush()
        {
            if (text.Length > 0)
            {
                pieces.Add(new TextPiece(new StringBuilder(text.ToString()), textStart, _pos));
                text.Clear();
            }
        }

        while (true)
        {
            if (_pos >= end)
            {
                if (mode == TemplateEnd.Quote)
                {
                    throw Error("a string is never closed by '\"'", templateStart - 1);
                }

                break;
            }

            if (lineStart && indent > 0)
            {
                var n = 0;
                while (n < indent && _pos < end && _text[_pos] is ' ' or '\t')
                {
                    _pos++;
                    n++;
                }

                lineStart = false;
                continue;
            }

            lineStart = false;
            var c = _text[_pos];
            if (mode == TemplateEnd.Quote && c == '"')
            {
                _pos++;
                break;
            }

            if (mode == TemplateEnd.Quote && c == '\n')
            {
                throw Error("the string is not closed on its line (a quoted string cannot span lines; use a heredoc <<EOT for text on several)", templateStart - 1);
            }

            if ((c == '$' || c == '%') && At(1) == c && At(2) == '{')
            {
                // $${ and %%{ are a literal ${ and %{.
                text.Append(c).Append('{');
                _pos += 3;
                continue;
            }

            if ((c == '$' || c == '%') && At(1) == '{')
            {
                Flush();
                var pieceStart = _pos;
                _pos += 2;
                var stripLeft = false;
                if (Cur == '~')
                {
                    stripLeft = true;
                    _pos++;
                }

                var saved = _newlines;
                _newlines = false;
                Skip();
                if (c == '$')
                {
                    var expression = Expression();
                    Skip();
                    var stripRight = TryTake("~");
                    Expect('}', "'}' closing the interpolation");
                    pieces.Add(new InterpolationPiece(expression, pieceStart, _pos, stripLeft, stripRight));
                }
                else
                {
                    pieces.Add(Directive(pieceStart, stripLeft));
                }

                _newlines = saved;
                textStart = _pos;
                continue;
            }

            if (mode == TemplateEnd.Bounded && c == '\r' && At(1) == '\n')
            {
                _pos++;
                continue;
            }

            if (mode == TemplateEnd.Quote && c == '\\')
            {
                text.Append(Escape());
                continue;
            }

            text.Append(c);
            _pos++;
            if (c == '\n')
            {
                lineStart = true;
            }
        }

        Flush();
        Leave();
        return Structure(pieces);
    }

    private DirectivePiece Directive(int pieceStart, bool stripLeft)
    {
        var keyword = TryName() ?? throw Error("expected if, else, endif, for or endfor after '%{'");
        HclExpression? expression = null;
        string? keyName = null;
        string? valueName = null;
        Skip();
        switch (keyword)
        {
            case "if":
                expression = Expression();
                break;
            case "for":
                var first = TryName() ?? throw Error("expected a variable name after 'for'");
                valueName = first;
                Skip();
                if (Cur == ',')
                {
                    _pos++;
                    Skip();
                    keyName = first;
                    valueName = TryName() ?? throw Error("expected a second variable name after ','");
                    Skip();
                }

                if (!AtKeyword("in"))
                {
                    throw Error("expected 'in' in the for directive");
                }

                _pos += 2;
                Skip();
                expression = Expression();
                break;
            case "else" or "endif" or "endfor":
                break;
            default:
                throw Error($"'{keyword}' is not a template directive (if, else, endif, for, endfor)");
        }

        Skip();
        var stripRight = TryTake("~");
        Expect('}', "'}' closing the directive");
        return new DirectivePiece(keyword, expression, keyName, valueName, pieceStart, _pos, stripLeft, stripRight);
    }

    private string Escape()
    {
        var start = _pos;
        _pos++;
        var c = Cur;
        _pos++;
        switch (c)
        {
            case 'n': return "\n";
            case 'r': return "\r";
            case 't': return "\t";
            case '"': return "\"";
            case '\\': return "\\";
            case 'u':
            case 'U':
                var length = c == 'u' ? 4 : 8;
                if (_pos + length <= _text.Length && int.TryParse(_text.AsSpan(_pos, length), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) && code is >= 0 and <= 0x10FFFF && code is < 0xD800 or > 0xDFFF)
                {
                    _pos += length;
                    return char.ConvertFromUtf32(code);
                }

                throw Error($"'\\{c}' must be followed by {length} hex digits of a Unicode character", start);
            default:
                throw Error($"'\\{Describe(c)}' is not an escape sequence (\\n, \\r, \\t, \\\", \\\\, \\uNNNN)", start);
        }
    }

    /// <summary>Applies strip markers, then nests if and for directives.</summary>
    private List<HclTemplatePart> Structure(List<Piece> pieces)
    {
        for (var i = 0; i < pieces.Count; i++)
        {
            if (pieces[i] is TextPiece)
            {
                continue;
            }

            if (pieces[i].StripLeft && i > 0 && pieces[i - 1] is TextPiece before)
            {
                var s = before.Text.ToString().TrimEnd();
                before.Text.Clear().Append(s);
            }

            if (pieces[i].StripRight && i + 1 < pieces.Count && pieces[i + 1] is TextPiece after)
            {
                var s = after.Text.ToString().TrimStart();
                after.Text.Clear().Append(s);
            }
        }

        var index = 0;
        var parts = Nest(pieces, ref index, null);
        if (index < pieces.Count && pieces[index] is DirectivePiece stray)
        {
            throw Error($"'%{{{stray.Keyword}}}' has no matching opening directive", stray.Position);
        }

        return parts;
    }

    private List<HclTemplatePart> Nest(List<Piece> pieces, ref int index, string? closer)
    {
        var parts = new List<HclTemplatePart>();
        while (index < pieces.Count)
        {
            var piece = pieces[index];
            switch (piece)
            {
                case TextPiece t:
                    if (t.Text.Length > 0)
                    {
                        parts.Add(new HclTemplateLiteral(t.Text.ToString(), SpanOf(t.Position, t.End)));
                    }

                    index++;
                    break;
                case InterpolationPiece ip:
                    parts.Add(new HclTemplateInterpolation(ip.Expression, SpanOf(ip.Position, ip.End)));
                    index++;
                    break;
                case DirectivePiece { Keyword: "if" } d:
                    index++;
                    var then = Nest(pieces, ref index, "if");
                    List<HclTemplatePart> otherwise = [];
                    if (index < pieces.Count && pieces[index] is DirectivePiece { Keyword: "else" })
                    {
                        index++;
                        otherwise = Nest(pieces, ref index, "else");
                    }

                    if (index >= pieces.Count || pieces[index] is not DirectivePiece { Keyword: "endif" })
                    {
                        throw Error("'%{if}' is never closed by '%{endif}'", d.Position);
                    }

                    parts.Add(new HclTemplateIf(d.Expression!, then, otherwise, SpanOf(d.Position, pieces[index].Position)));
                    index++;
                    break;
                case DirectivePiece { Keyword: "for" } f:
                    index++;
                    var body = Nest(pieces, ref index, "for");
                    if (index >= pieces.Count || pieces[index] is not DirectivePiece { Keyword: "endfor" })
                    {
                        throw Error("'%{for}' is never closed by '%{endfor}'", f.Position);
                    }

                    parts.Add(new HclTemplateFor(f.KeyName, f.ValueName!, f.Expression!, body, SpanOf(f.Position, pieces[index].Position)));
                    index++;
                    break;
                case DirectivePiece d:
                    var fits = (closer, d.Keyword) switch
                    {
                        ("if", "else" or "endif") => true,
                        ("else", "endif") => true,
                        ("for", "endfor") => true,
                        _ => false,
                    };
                    if (!fits)
                    {
                        throw Error($"'%{{{d.Keyword}}}' does not close an open directive here", d.Position);
                    }

                    return parts;
            }
        }

        return parts;
    }
}

/// <summary>A syntax error (or a crossed limit) inside the parser; always turned into a diagnostic.</summary>
internal sealed class HclSyntaxException(string message, int position, bool limit) : Exception(message)
{
    public int Position { get; } = position;

    public bool Limit { get; } = limit;
}
