using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace FitCheck.Rules;

/// <summary>
/// SHA-256 (FIPS 180-4) for finding fingerprints, same bytes as <see cref="System.Security.Cryptography.SHA256"/> (checked
/// by the tests on many inputs). The platform's implementation goes through OpenSSL on Linux: loading and initialising
/// libcrypto costs a few milliseconds, more than hashing the findings of a few templates in managed code, while over a
/// large repository the hardware SHA instructions OpenSSL uses win by far (about 4,800 instructions a block here). So the
/// first <see cref="ManagedFirst"/> digests of a run are computed here, the rest by the platform; where the platform has
/// no SHA-256 (a container without OpenSSL), every digest is computed here.
/// </summary>
internal static class Sha256
{
    /// <summary>Digests computed in managed code before the platform's implementation is loaded.</summary>
    internal const int ManagedFirst = 256;

    private static int _digests;
    private static bool _platformMissing;

    /// <summary>The digest of <paramref name="data"/>, by whichever implementation is cheaper at this point of the run.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        if (_platformMissing || Interlocked.Increment(ref _digests) <= ManagedFirst)
        {
            HashData(data, digest);
            return;
        }

        try
        {
            System.Security.Cryptography.SHA256.HashData(data, digest);
        }
#pragma warning disable CA1031 // Whatever the platform lacks (no libcrypto, a FIPS policy), the managed digest is the same.
        catch (Exception)
#pragma warning restore CA1031
        {
            _platformMissing = true;
            HashData(data, digest);
        }
    }

    // Static data: a span over the image, its length known to the compiler, so indexing it by a round number needs no check.
    private static ReadOnlySpan<uint> K =>
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    /// <summary>Writes the 32-byte digest of <paramref name="data"/> into <paramref name="digest"/>.</summary>
    public static void HashData(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        if (digest.Length < 32)
        {
            throw new ArgumentException("A SHA-256 digest is 32 bytes.", nameof(digest));
        }

        Span<uint> h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
        Span<uint> w = stackalloc uint[64];

        var full = data.Length / 64 * 64;
        for (var offset = 0; offset < full; offset += 64)
        {
            Block(data.Slice(offset, 64), h, w);
        }

        // The tail, the 0x80 byte, zeros and the length in bits (big-endian): one block, or two when the tail is 56 bytes
        // or more.
        Span<byte> last = stackalloc byte[128];
        last.Clear();
        var tail = data[full..];
        tail.CopyTo(last);
        last[tail.Length] = 0x80;
        var blocks = tail.Length < 56 ? 1 : 2;
        BinaryPrimitives.WriteUInt64BigEndian(last.Slice((blocks * 64) - 8, 8), (ulong)data.Length * 8);
        for (var b = 0; b < blocks; b++)
        {
            Block(last.Slice(b * 64, 64), h, w);
        }

        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(digest.Slice(i * 4, 4), h[i]);
        }
    }

    private static void Block(ReadOnlySpan<byte> block, Span<uint> h, Span<uint> w)
    {
        // The schedule and the rounds run over locals and fixed-length spans (64 words): the compiler drops the bounds
        // checks, which otherwise cost as much as the arithmetic.
        var words = MemoryMarshal.Cast<byte, uint>(block[..64]);
        var schedule = w[..64];
        var k = K;
        for (var t = 0; t < 16; t++)
        {
            schedule[t] = BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(words[t]) : words[t];
        }

        for (var t = 16; t < 64; t++)
        {
            var x = schedule[t - 15];
            var y = schedule[t - 2];
            var s0 = BitOperations.RotateRight(x, 7) ^ BitOperations.RotateRight(x, 18) ^ (x >> 3);
            var s1 = BitOperations.RotateRight(y, 17) ^ BitOperations.RotateRight(y, 19) ^ (y >> 10);
            schedule[t] = schedule[t - 16] + s0 + schedule[t - 7] + s1;
        }

        uint a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (var t = 0; t < 64; t++)
        {
            var t1 = hh + (BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25))
                + ((e & f) ^ (~e & g)) + k[t] + schedule[t];
            var t2 = (BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22))
                + ((a & b) ^ (a & c) ^ (b & c));
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }

        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }
}
