using BenchmarkDotNet.Attributes;
using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;
using CxServerless.Domain.Events;

namespace CxServerless.Benchmarks.Analytics;

/// <summary>
/// Windowed aggregation throughput per core on the in-memory path, single-threaded. Each benchmark handles the same
/// <see cref="EventCount"/> events (one simulated hour of mixed contact-centre traffic over 12 queues, 4 teams and 3
/// regions) and reports time per event, so events/s = 10⁹ ÷ mean (ns):
/// <list type="bullet">
/// <item><c>BareLoop</c> (baseline): sums the events' measures; the floor for touching each event once.</item>
/// <item><c>AllKpis_AllSlices_MinuteBuckets_Plus_HoppingCount</c>: the product path: every KPI observation of every
/// event into per-minute buckets for all five slices, then a 15-minute-every-minute hopping count (contact volume) for
/// every slice over the hour.</item>
/// <item><c>CountOnly_MinuteBuckets_Plus_HoppingCount</c>: a Nexmark-style hopping-window count: one count per event into
/// per-minute buckets for the "all" slice, then the same hopping windows.</item>
/// </list>
/// Nexmark's hopping-window count on Flink reaches about 22k events/s per core (quoted for context, not measured here).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[Config(typeof(Config))]
public class WindowedAggregationBenchmarks
{
    /// <summary>Events per invocation.</summary>
    public const int EventCount = 100_000;

    private static readonly WindowSpec Hopping = WindowSpec.Hopping(TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(1));
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly CxEventType[] Mix =
    [
        CxEventType.ContactStarted, CxEventType.ContactQueued, CxEventType.ContactAnswered, CxEventType.FirstResponse,
        CxEventType.ContactEnded, CxEventType.MessagePosted, CxEventType.SurveyResponse, CxEventType.ContactAbandoned,
        CxEventType.CaseOpened, CxEventType.CaseResolved, CxEventType.ContactEscalated,
    ];

    private CxEvent[] _events = [];

    private sealed class Config : BenchmarkDotNet.Configs.ManualConfig
    {
        public Config() => AddColumn(new EventsPerSecondColumn());
    }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _events = new CxEvent[EventCount];
        for (var i = 0; i < EventCount; i++)
        {
            _events[i] = Generate(random, i);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    public double BareLoop()
    {
        var total = 0.0;
        foreach (var e in _events)
        {
            var m = e.Measures;
            total += (m.WaitSeconds ?? 0) + (m.TalkSeconds ?? 0) + (m.HoldSeconds ?? 0) + (m.AfterContactWorkSeconds ?? 0)
                + (e.Scores.Csat ?? 0);
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    public int AllKpis_AllSlices_MinuteBuckets_Plus_HoppingCount()
    {
        var accumulator = new MinuteBucketAccumulator("0", KpiSettings.Default);
        foreach (var e in _events)
        {
            accumulator.Add(e);
        }

        var windows = 0;
        foreach (var ((kpi, _), series) in MinuteSeries.Build(accumulator.Drain()))
        {
            if (kpi == KpiId.ContactVolume)
            {
                windows += WindowComposer.Compose(series, Hopping, Start, Start.AddHours(1)).Count;
            }
        }

        return windows;
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    public int CountOnly_MinuteBuckets_Plus_HoppingCount()
    {
        var accumulator = new MinuteBucketAccumulator("0", KpiSettings.Default);
        ReadOnlySpan<Slice> all = [Slice.All];
        var observation = new KpiObservation(KpiId.ContactVolume, 1);
        foreach (var e in _events)
        {
            accumulator.Add(observation, e.EventTime, all);
        }

        var series = MinuteSeries.For(accumulator.Drain(), KpiId.ContactVolume, Slice.All);
        return WindowComposer.Compose(series, Hopping, Start, Start.AddHours(1)).Count;
    }

    private static CxEvent Generate(Random random, int i)
    {
        var type = Mix[random.Next(Mix.Length)];
        return new CxEvent
        {
            EventId = $"bench-{i}",
            SourceSystem = "bench",
            Type = type,
            EventTime = Start.AddMilliseconds(random.Next(0, 3_600_000)),
            ConversationId = $"conv-{random.Next(20_000)}",
            Channel = (CxChannel)random.Next(5),
            Queue = $"queue-{random.Next(12)}",
            Team = $"team-{random.Next(4)}",
            Region = $"region-{random.Next(3)}",
            Measures = new CxMeasures
            {
                WaitSeconds = random.Next(0, 120),
                TalkSeconds = random.Next(60, 600),
                HoldSeconds = random.Next(0, 60),
                AfterContactWorkSeconds = random.Next(0, 120),
                FirstResponseSeconds = random.Next(5, 300),
            },
            Outcome = type == CxEventType.ContactEnded ? (CxOutcome)random.Next(5) : null,
            Scores = new CxScores
            {
                Csat = type == CxEventType.SurveyResponse ? random.Next(1, 6) : null,
                Nps = type == CxEventType.SurveyResponse ? random.Next(0, 11) : null,
                Sentiment = type == CxEventType.MessagePosted ? (random.NextDouble() * 2) - 1 : null,
            },
        };
    }
}
