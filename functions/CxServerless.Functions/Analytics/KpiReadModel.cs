using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Windows;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Analytics;

/// <summary>
/// The read side of the KPI buckets: an in-memory copy of every partition's minute rows over the lookback, kept
/// current cheaply. A minute row of a partition can change only while that partition's watermark has not passed the
/// minute, so a refresh reads the clock rows (one query) and the minutes from the oldest open one (one query, a few
/// rows); final minutes are read once. Concurrent callers within <see cref="AnalyticsOptions.KpiRefresh"/> share one
/// snapshot, so the storage cost of the dashboard does not grow with its viewers.
/// </summary>
public sealed class KpiReadModel(MetricBucketStore store, RuleSet rules, IOptions<AnalyticsOptions> options, TimeProvider time)
    : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private KpiSnapshot? _current;
    private Dictionary<(string Partition, long Minute), MinuteRow> _rows = [];
    private long _version;

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    /// <summary>A snapshot no older than the refresh interval.</summary>
    public async Task<KpiSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is not null && time.GetUtcNow() - current.ReadAt < options.Value.KpiRefresh)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            current = _current;
            if (current is not null && time.GetUtcNow() - current.ReadAt < options.Value.KpiRefresh)
            {
                return current;
            }

            _current = await RefreshAsync(current, cancellationToken);
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<KpiSnapshot> RefreshAsync(KpiSnapshot? previous, CancellationToken cancellationToken)
    {
        await store.EnsureCreatedAsync(cancellationToken);
        var now = time.GetUtcNow();
        var clocks = await store.ReadClocksAsync(cancellationToken);
        var newest = clocks.Where(c => !c.Clock.IsEmpty).Select(c => c.Clock.MaxEventTime).DefaultIfEmpty(now).Max();
        var horizon = (newest > now ? newest : now) - options.Value.KpiLookback;
        var firstMinute = EventMinutes.MinuteOf(horizon);

        // Minutes a partition may still change: after its watermark. A partition without a clock row yet may write anywhere.
        var openFrom = previous is null
            ? firstMinute
            : Math.Max(firstMinute, clocks.Count == 0 || previous.Clocks.Count != clocks.Count
                ? firstMinute
                : clocks.Min(c => c.Clock.IsEmpty ? firstMinute : EventMinutes.MinuteOf(c.Clock.Watermark(rules.EventTime)) - 1));

        var rows = new Dictionary<(string, long), MinuteRow>(_rows.Count);
        foreach (var (key, row) in _rows)
        {
            if (key.Minute >= firstMinute && key.Minute < openFrom)
            {
                rows.Add(key, row);
            }
        }

        var changed = previous is null || rows.Count != _rows.Count(r => r.Key.Minute >= firstMinute && r.Key.Minute < openFrom);
        await foreach (var row in store.QueryAsync(openFrom, long.MaxValue / TimeSpan.TicksPerMinute, null, cancellationToken))
        {
            rows[(row.Partition, row.Minute)] = row;
            if (!_rows.TryGetValue((row.Partition, row.Minute), out var old) || old.AppliedThrough != row.AppliedThrough)
            {
                changed = true;
            }
        }

        changed |= _rows.Keys.Any(k => k.Minute >= openFrom && !rows.ContainsKey(k));
        changed |= previous is not null && !SameClocks(previous.Clocks, clocks);
        _rows = rows;
        if (changed)
        {
            _version++;
        }

        return new KpiSnapshot(_version, now, firstMinute, clocks, rows.Values.ToList(), rules);
    }

    private static bool SameClocks(IReadOnlyList<ClockRow> a, IReadOnlyList<ClockRow> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Partition == p.Second.Partition && p.First.AppliedThrough == p.Second.AppliedThrough
            && p.First.Clock == p.Second.Clock && p.First.TooLate == p.Second.TooLate);
}
