using CxServerless.Domain.Analytics.EventTime;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;

namespace CxServerless.Functions.Analytics;

/// <summary>
/// An immutable view of the stored KPI buckets at one moment: minute rows of every partition from
/// <see cref="FirstMinute"/> on, and the partitions' clocks. Series are merged across partitions on demand.
/// </summary>
public sealed class KpiSnapshot
{
    private readonly IReadOnlyList<MinuteRow> _rows;
    private readonly RuleSet _rules;

    /// <summary>Creates a snapshot.</summary>
    public KpiSnapshot(
        long version, DateTimeOffset readAt, long firstMinute, IReadOnlyList<ClockRow> clocks, IReadOnlyList<MinuteRow> rows, RuleSet rules)
    {
        Version = version;
        ReadAt = readAt;
        FirstMinute = firstMinute;
        Clocks = clocks;
        _rows = rows;
        _rules = rules;
        Watermark = Watermarks.Global(clocks.Select(c => c.Clock), readAt, rules.EventTime);
        var started = clocks.Where(c => !c.Clock.IsEmpty).ToList();
        MaxEventTime = started.Count > 0 ? started.Max(c => c.Clock.MaxEventTime) : null;
    }

    /// <summary>Changes whenever the data does: the basis of the summary's ETag.</summary>
    public long Version { get; }

    /// <summary>When storage was read.</summary>
    public DateTimeOffset ReadAt { get; }

    /// <summary>The first minute held.</summary>
    public long FirstMinute { get; }

    /// <summary>Every partition's clock row.</summary>
    public IReadOnlyList<ClockRow> Clocks { get; }

    /// <summary>The global watermark (windows ending at or before it are final); null before any event.</summary>
    public DateTimeOffset? Watermark { get; }

    /// <summary>The newest event time seen by any partition.</summary>
    public DateTimeOffset? MaxEventTime { get; }

    /// <summary>Events later than the allowed lateness, over all partitions.</summary>
    public long TooLate => Clocks.Sum(c => c.TooLate);

    /// <summary>The event-time "now" of the data: the newest event time, or the read time before any event.</summary>
    public DateTimeOffset DataNow => MaxEventTime ?? ReadAt;

    /// <summary>The minutes in which anything arrived, for the evaluator to tell a quiet queue from an idle store.</summary>
    public StoreActivity Activity() => new(_rows.Select(r => r.Minute));

    /// <summary>Every slice that has data in the snapshot.</summary>
    public IReadOnlyList<Slice> Slices() =>
        [.. _rows
            .SelectMany(r => r.Aggregates.Keys.Select(k => k.Slice))
            .Distinct()
            .OrderBy(s => s.Dimension)
            .ThenBy(s => s.Value, StringComparer.Ordinal)];

    /// <summary>The series of one KPI and slice, merged over partitions.</summary>
    public MinuteSeries Series(KpiId kpi, Slice slice)
    {
        var buckets = new List<Domain.Analytics.Aggregation.MinuteBucket>();
        foreach (var row in _rows)
        {
            if (row.Aggregates.TryGetValue((kpi, slice), out var aggregate))
            {
                buckets.Add(new Domain.Analytics.Aggregation.MinuteBucket(row.Partition, kpi, slice, row.Minute, aggregate));
            }
        }

        return MinuteSeries.For(buckets, kpi, slice);
    }

    /// <summary>Every series that an alert rule watches.</summary>
    public IReadOnlyDictionary<(KpiId Kpi, Slice Slice), MinuteSeries> WatchedSeries()
    {
        var keys = _rows.SelectMany(r => r.Aggregates.Keys).Distinct().Where(k => _rules.RuleFor(k.Kpi, k.Slice) is not null).ToList();
        return keys.ToDictionary(k => k, k => Series(k.Kpi, k.Slice));
    }

    /// <summary>
    /// The backlog level of <paramref name="slice"/> just before <see cref="FirstMinute"/>: per partition, the level
    /// folded through its last final minute, less the changes from <see cref="FirstMinute"/> to that minute.
    /// </summary>
    public double OpeningLevel(Slice slice)
    {
        var key = slice.ToString();
        var level = 0.0;
        foreach (var clock in Clocks)
        {
            level += clock.BacklogLevels.GetValueOrDefault(key);
            foreach (var row in _rows)
            {
                if (row.Partition == clock.Partition && row.Minute <= clock.LevelsThrough
                    && row.Aggregates.TryGetValue((KpiId.Backlog, slice), out var aggregate))
                {
                    level -= aggregate.Sum;
                }
            }
        }

        return level;
    }

    /// <summary>Windows of one KPI and slice with ends in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public IReadOnlyList<WindowResult> Windows(KpiId kpi, Slice slice, WindowSpec window, DateTimeOffset from, DateTimeOffset to) =>
        WindowComposer.Compose(Series(kpi, slice), window, from, to, Watermark, kpi == KpiId.Backlog ? OpeningLevel(slice) : 0);
}
