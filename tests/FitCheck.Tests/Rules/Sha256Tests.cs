using System.Text;
using FitCheck.Rules;

namespace FitCheck.Tests.Rules;

/// <summary>The managed SHA-256 behind fingerprints gives the platform's bytes, so fingerprints in saved baselines stay valid.</summary>
public sealed class Sha256Tests
{
    [Theory]
    // FIPS 180-4 examples: the empty string, "abc", and the two-block 448-bit message.
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void KnownAnswers(string input, string expected)
    {
        Span<byte> digest = stackalloc byte[32];
        Sha256.HashData(Encoding.ASCII.GetBytes(input), digest);
        Assert.Equal(expected, Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void EveryLengthAroundTheBlockEdges_MatchesThePlatform()
    {
        // Lengths 0 to 300 cover a tail of every size, the one- and two-block padding cases and several full blocks.
        var random = new Random(18);
        Span<byte> ours = stackalloc byte[32];
        for (var length = 0; length <= 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Sha256.HashData(data, ours);
            Assert.True(System.Security.Cryptography.SHA256.HashData(data).AsSpan().SequenceEqual(ours), $"length {length}");
        }
    }

    [Fact]
    public void Fingerprint_KeepsItsFormula()
    {
        // The first 8 bytes of SHA-256 over "rule|path|resource|message without digits", in lower-case hex.
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            Encoding.UTF8.GetBytes("FC1001|template.yaml|OrdersQueue|visibility timeout  s is shorter than the function's  s"))[..8]);
        Assert.Equal(expected, Analyzer.Fingerprint("FC1001", "template.yaml", "OrdersQueue", "visibility timeout 30 s is shorter than the function's 60 s"));
    }

    [Theory]
    [InlineData(1)] // fits the stack buffers
    [InlineData(40)] // longer than them: pooled buffers
    [InlineData(400)]
    public void Fingerprint_KeepsItsFormula_ForAnyLengthAndText(int repeat)
    {
        // Digits of any script are dropped (char.IsDigit); other text, a lone surrogate included, is encoded as UTF-8 does.
        var message = string.Concat(Enumerable.Repeat("Fn \u0663 42 \u00e9 \u540d \ud83d\ude00 ", repeat)) + "\ud800";
        var text = "FC1001|stacks/\u00fc.yaml|Fn|" + new string(message.Where(c => !char.IsDigit(c)).ToArray());
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text))[..8]);
        Assert.Equal(expected, Analyzer.Fingerprint("FC1001", "stacks/\u00fc.yaml", "Fn", message));
    }

    [Fact]
    public void Fingerprints_AreTheSame_WhicheverImplementationHashesThem()
    {
        // More digests than the managed share of a run: the later ones come from the platform, and each equals the
        // platform's digest of the same text, so a fingerprint never depends on how many findings came before it.
        for (var i = 0; i < Sha256.ManagedFirst + 50; i++)
        {
            var message = $"finding {i}: queue Orders{i % 7} has no redrive policy";
            var text = $"FC1005|template.yaml|Orders|{new string(message.Where(c => !char.IsDigit(c)).ToArray())}";
            var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text))[..8]);
            Assert.Equal(expected, Analyzer.Fingerprint("FC1005", "template.yaml", "Orders", message));
        }
    }
}
