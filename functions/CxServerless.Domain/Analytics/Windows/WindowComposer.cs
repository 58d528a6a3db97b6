using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.Kpis;

namespace CxServerless.Domain.Analytics.Windows;

/// <summary>
/// Composes windows from minute buckets at read time. A pure function: the same buckets, in any order and from any
/// partitioning, give the same windows. Window (end − size, end] is the union of the minutes in that interval.
/// </summary>
public static class WindowComposer
{
    /// <summary>
    /// Every window of <paramref name="spec"/> whose end lies in [<paramref name="from"/>, <paramref name="to"/>].
    /// Tumbling and hopping windows are emitted at every window end on their grid that has data (count KPIs and gauges
    /// are emitted even without data, with 0 or the current level, so that a dead queue shows). Sliding windows are
    /// emitted at each minute end where a minute with data enters or leaves the window, and only when not empty,
    /// which is ASA's sliding output sampled at minute resolution. A window whose end is at or before
    /// <paramref name="globalWatermark"/> is <see cref="WindowStatus.Final"/>, otherwise provisional. For a gauge
    /// (backlog), the level at a window's end is <paramref name="openingLevel"/> plus every change in the series up
    /// to that end, floored at zero minute by minute (never a negative count).
    /// </summary>
    public static IReadOnlyList<WindowResult> Compose(
        MinuteSeries series,
        WindowSpec spec,
        DateTimeOffset from,
        DateTimeOffset to,
        DateTimeOffset? globalWatermark = null,
        double openingLevel = 0)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(spec);
        var definition = KpiCatalog.Get(series.Kpi);
        var sizeMinutes = spec.Size.Ticks / TimeSpan.TicksPerMinute;
        var levels = definition.Kind == KpiValueKind.Gauge ? RunningLevels(series, openingLevel) : null;
        var results = new List<WindowResult>();
        foreach (var end in WindowEnds(series, spec, from, to))
        {
            var endMinute = EventMinutes.MinuteOf(end);
            var first = series.UpperBound(endMinute - sizeMinutes);
            var last = series.UpperBound(endMinute);
            if (first == last && !EmitsWhenEmpty(definition.Kind, spec.Kind))
            {
                continue;
            }

            var aggregate = Merge(series, first, last, definition.KeepsQuantiles);
            var value = levels is null ? aggregate.ValueOf(definition.Kind) : LevelAt(levels, last, openingLevel);
            var status = globalWatermark is { } watermark && end <= watermark ? WindowStatus.Final : WindowStatus.Provisional;
            results.Add(new WindowResult(series.Kpi, series.Slice, end - spec.Size, end, aggregate, value, status));
        }

        return results;
    }

    private static bool EmitsWhenEmpty(KpiValueKind kpiKind, WindowKind windowKind) =>
        windowKind != WindowKind.Sliding && kpiKind is KpiValueKind.Count or KpiValueKind.Gauge;

    private static IEnumerable<DateTimeOffset> WindowEnds(MinuteSeries series, WindowSpec spec, DateTimeOffset from, DateTimeOffset to)
    {
        if (spec.Kind != WindowKind.Sliding)
        {
            for (var end = spec.FirstEndAtOrAfter(from); end <= to; end += spec.Hop)
            {
                yield return end;
            }

            yield break;
        }

        var sizeMinutes = spec.Size.Ticks / TimeSpan.TicksPerMinute;
        var changes = new SortedSet<long>();
        foreach (var minute in series.Minutes)
        {
            changes.Add(minute);
            changes.Add(minute + sizeMinutes);
        }

        foreach (var minute in changes.GetViewBetween(EventMinutes.MinuteOf(from), long.MaxValue))
        {
            var end = EventMinutes.EndOf(minute);
            if (end > to)
            {
                yield break;
            }

            yield return end;
        }
    }

    private static KpiAggregate Merge(MinuteSeries series, int first, int last, bool keepQuantiles)
    {
        var aggregate = new KpiAggregate(keepQuantiles);
        for (var i = first; i < last; i++)
        {
            aggregate.MergeFrom(series.Aggregates[i]);
        }

        return aggregate;
    }

    /// <summary>
    /// The gauge level after each minute, floored at zero: a count of open cases is never negative, and a resolve of a
    /// case the app never saw opened (it was opened before ingestion started) must not take the level below zero.
    /// </summary>
    private static double[] RunningLevels(MinuteSeries series, double openingLevel)
    {
        var levels = new double[series.Minutes.Count];
        var level = Math.Max(0, openingLevel);
        for (var i = 0; i < levels.Length; i++)
        {
            level = Math.Max(0, level + series.Aggregates[i].Sum);
            levels[i] = level;
        }

        return levels;
    }

    private static double LevelAt(double[] levels, int upperBound, double openingLevel) =>
        upperBound == 0 ? Math.Max(0, openingLevel) : levels[upperBound - 1];
}
