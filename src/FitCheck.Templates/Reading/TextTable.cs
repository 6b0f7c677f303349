using System.Text;

namespace FitCheck.Templates.Reading;

/// <summary>
/// Short ASCII texts (keys, types, names, ARNs' parts) as strings from a per-thread table, so the thousands of
/// <c>Type</c>, <c>Properties</c> and <c>Ref</c> of a corpus are one string each. A slot holds the last text that hashed
/// to it: a miss only costs the string a reader would have made anyway.
/// </summary>
internal static class TextTable
{
    private const int MaxLength = 64;
    private const int Size = 8192;

    [ThreadStatic]
    private static string?[]? _strings;

    /// <summary>The string for <paramref name="utf8"/> when it is empty or short ASCII; false (and null) otherwise.</summary>
    public static bool TryGet(ReadOnlySpan<byte> utf8, out string text)
    {
        var length = utf8.Length;
        if (length == 0)
        {
            text = "";
            return true;
        }

        text = null!;
        if (length > MaxLength)
        {
            return false;
        }

        var hash = 2166136261u;
        foreach (var b in utf8)
        {
            if (b >= 0x80)
            {
                return false;
            }

            hash = (hash ^ b) * 16777619u;
        }

        var table = _strings ??= new string?[Size];
        var slot = (int)(hash & (Size - 1));
        var cached = table[slot];
        if (cached is not null && cached.Length == length && Ascii.Equals(utf8, cached))
        {
            text = cached;
            return true;
        }

        text = Encoding.ASCII.GetString(utf8);
        table[slot] = text;
        return true;
    }
}
