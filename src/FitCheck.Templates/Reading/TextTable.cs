using System.Numerics;
using System.Runtime.InteropServices;
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
    private const int SizeBits = 13;
    private const int Size = 1 << SizeBits;

    /// <summary>A multiplicative hash of the text, eight bytes at a time; the slot is its top bits.</summary>
    private static int Slot(ReadOnlySpan<byte> utf8)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15;
        var hash = (ulong)utf8.Length * Multiplier;
        var i = 0;
        for (; i + 8 <= utf8.Length; i += 8)
        {
            hash = (BitOperations.RotateLeft(hash, 23) ^ MemoryMarshal.Read<ulong>(utf8[i..])) * Multiplier;
        }

        if (i < utf8.Length)
        {
            ulong tail = 0;
            for (var k = utf8.Length - 1; k >= i; k--)
            {
                tail = (tail << 8) | utf8[k];
            }

            hash = (BitOperations.RotateLeft(hash, 23) ^ tail) * Multiplier;
        }

        return (int)(hash >> (64 - SizeBits));
    }

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

        if (!Ascii.IsValid(utf8))
        {
            return false;
        }

        var table = _strings ??= new string?[Size];
        var slot = Slot(utf8);
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
