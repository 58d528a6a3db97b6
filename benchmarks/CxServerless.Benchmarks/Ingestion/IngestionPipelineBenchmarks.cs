using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CxServerless.Domain.Ingestion;
using CxServerless.Domain.Ingestion.Privacy;

namespace CxServerless.Benchmarks.Ingestion;

/// <summary>
/// The pure ingestion pipeline (parse, select adapter, adapt, validate, normalise, mask, pseudonymise, de-duplication
/// key; no I/O) over a 1,000-event corpus, against a bare <see cref="JsonDocument.Parse(string, JsonDocumentOptions)"/> of
/// the same bodies in the same run. Aim: throughput at least 0.5 of the bare parse.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class IngestionPipelineBenchmarks
{
    private IReadOnlyList<string> _bodies = [];
    private IReadOnlyList<RawEvent> _raw = [];
    private IngestionPipeline _pipeline = null!;
    private DateTimeOffset _now;

    /// <summary>Builds the corpus and the pipeline.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        _bodies = IngestionCorpus.Bodies(1000, _now);
        _raw = IngestionCorpus.Raw(_bodies, _now);
        _pipeline = new IngestionPipeline(
            SourceAdapters.Registry(),
            new Pseudonymizer(Encoding.UTF8.GetBytes("benchmark-pseudonym-key-0123456789abcdef")),
            new IngestionLimits());
    }

    /// <summary>Baseline: parse every body and touch its root, nothing else.</summary>
    [Benchmark(Baseline = true)]
    public int BareJsonDocumentParse()
    {
        var kinds = 0;
        foreach (var body in _bodies)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                kinds += (int)document.RootElement.ValueKind;
            }
            catch (JsonException)
            {
                kinds--;
            }
        }

        return kinds;
    }

    /// <summary>The whole pipeline on every body.</summary>
    [Benchmark]
    public int IngestionPipeline()
    {
        var accepted = 0;
        foreach (var raw in _raw)
        {
            if (_pipeline.Process(raw, _now).IsAccepted)
            {
                accepted++;
            }
        }

        return accepted;
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new ThroughputRatioColumn());
    }
}
