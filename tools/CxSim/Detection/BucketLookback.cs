using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;

namespace CxSim.Detection;

/// <summary>
/// The minute buckets the evaluation loop still needs, as a storage layer would read them back: for each KPI and slice
/// that a rule watches, the buckets of every partition within the rule's window size of the next window end. Buckets
/// that no rule watches are dropped on arrival. For a gauge (backlog), the changes of evicted buckets are folded into
/// an opening level, so windows read the same level as over the full history.
/// </summary>
internal sealed class BucketLookback(RuleSet rules)
{
    private readonly Dictionary<(KpiId Kpi, Slice Slice), Entry?> _entries = [];

    /// <summary>Buckets currently held.</summary>
    public int Count => _entries.Values.Sum(e => e?.Buckets.Count ?? 0);

    /// <summary>Keeps the drained buckets of any partition that some rule watches.</summary>
    public void Add(IEnumerable<MinuteBucket> buckets)
    {
        foreach (var bucket in buckets)
        {
            var key = (bucket.Kpi, bucket.Slice);
            if (!_entries.TryGetValue(key, out var entry))
            {
                entry = rules.RuleFor(bucket.Kpi, bucket.Slice) is { } rule ? new Entry(rule) : null;
                _entries.Add(key, entry);
            }

            entry?.Buckets.Add(bucket);
        }
    }

    /// <summary>
    /// The minute series of every watched KPI and slice whose rule has a window ending in [<paramref name="from"/>,
    /// <paramref name="to"/>], with the gauges' opening levels.
    /// </summary>
    public (
        IReadOnlyDictionary<(KpiId Kpi, Slice Slice), MinuteSeries> Series,
        IReadOnlyDictionary<(KpiId Kpi, Slice Slice), double> OpeningLevels) For(
        DateTimeOffset from, DateTimeOffset to)
    {
        var due = new List<MinuteBucket>();
        var keys = new List<(KpiId Kpi, Slice Slice)>();
        var opening = new Dictionary<(KpiId, Slice), double>();
        foreach (var (key, entry) in _entries)
        {
            if (entry is null || !HasEndIn(entry.Rule.Window, from, to))
            {
                continue;
            }

            keys.Add(key);
            due.AddRange(entry.Buckets);
            if (entry.IsGauge)
            {
                opening[key] = entry.OpeningLevel;
            }
        }

        // A slice seen before but without buckets in the lookback still has windows: counts read 0 and gauges their
        // level (a dead queue must show), exactly as over the full history.
        var series = new Dictionary<(KpiId, Slice), MinuteSeries>(MinuteSeries.Build(due));
        foreach (var key in keys)
        {
            series.TryAdd(key, MinuteSeries.For([], key.Kpi, key.Slice));
        }

        return (series, opening);
    }

    /// <summary>Drops the buckets no window ending at or after <paramref name="nextFrom"/> can contain.</summary>
    public void Evict(DateTimeOffset nextFrom)
    {
        foreach (var entry in _entries.Values)
        {
            if (entry is null)
            {
                continue;
            }

            var oldest = EventMinutes.MinuteOf(nextFrom - entry.Rule.Window.Size);
            entry.Buckets.RemoveAll(b =>
            {
                if (b.Minute > oldest)
                {
                    return false;
                }

                if (entry.IsGauge)
                {
                    entry.OpeningLevel += b.Aggregate.Sum;
                }

                return true;
            });
        }
    }

    private static bool HasEndIn(WindowSpec window, DateTimeOffset from, DateTimeOffset to) =>
        window.Kind == WindowKind.Sliding || window.FirstEndAtOrAfter(from) <= to;

    private sealed class Entry(AlertRule rule)
    {
        public AlertRule Rule { get; } = rule;

        public bool IsGauge { get; } = KpiCatalog.Get(rule.Kpi).Kind == KpiValueKind.Gauge;

        public List<MinuteBucket> Buckets { get; } = [];

        public double OpeningLevel { get; set; }
    }
}
