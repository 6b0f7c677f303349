using BenchmarkDotNet.Attributes;
using FitCheck.Assessing;
using FitCheck.Model;
using FitCheck.Reports.Json;
using FitCheck.Reports.Text;
using FitCheck.Templates.Discovery;
using FitCheck.Templates.Reading;

namespace FitCheck.Bench;

/// <summary>Each stage of <c>fitcheck assess</c> over the whole corpus, the stages before it done once in setup.</summary>
[MemoryDiagnoser]
public class StageBenchmarks
{
    private List<(DiscoveredFile File, byte[] Bytes)> _files = [];
    private List<TemplateDocument> _documents = [];
    private List<Architecture> _architectures = [];
    private Assessment? _assessment;

    [GlobalSetup]
    public void Setup()
    {
        _files = Corpus.LoadBytes(Corpus.Locate());
        _documents = Corpus.Read(_files);
        _architectures = Corpus.Map(_documents);
        _assessment = Corpus.Assess(_architectures);
    }

    /// <summary>Bytes to positioned node trees (encoding checks, YAML and JSON parsing), one thread.</summary>
    [Benchmark]
    public int Read() => Corpus.Read(_files).Count;

    /// <summary>Node trees to architectures (components, flows, grants), one thread.</summary>
    [Benchmark]
    public int Map() => Corpus.Map(_documents).Count;

    /// <summary>Every built-in rule over every architecture (the assessor uses all cores).</summary>
    [Benchmark]
    public int Rules() => Corpus.Assess(_architectures).Findings.Count;

    [Benchmark]
    public int WriteJson() => AssessmentJsonWriter.Write(_assessment!).Length;

    [Benchmark]
    public int WriteText() => AssessmentTextWriter.Write(_assessment!).Length;
}
