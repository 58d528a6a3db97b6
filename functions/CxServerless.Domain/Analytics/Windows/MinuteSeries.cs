using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;

namespace CxServerless.Domain.Analytics.Windows;

/// <summary>
/// One KPI and slice's minute buckets merged across source partitions and sorted by minute: the input that
/// <see cref="WindowComposer"/> reads windows from. Building it never changes the buckets.
/// </summary>
public sealed class MinuteSeries
{
    private MinuteSeries(KpiId kpi, Slice slice, long[] minutes, KpiAggregate[] aggregates)
    {
        Kpi = kpi;
        Slice = slice;
        Minutes = minutes;
        Aggregates = aggregates;
    }

    /// <summary>The KPI.</summary>
    public KpiId Kpi { get; }

    /// <summary>The slice.</summary>
    public Slice Slice { get; }

    /// <summary>The minutes (ends) that hold data, ascending.</summary>
    public IReadOnlyList<long> Minutes { get; }

    /// <summary>The merged aggregate of each minute in <see cref="Minutes"/>.</summary>
    public IReadOnlyList<KpiAggregate> Aggregates { get; }

    /// <summary>Groups buckets of any partitions, KPIs and slices into one series per KPI and slice.</summary>
    public static IReadOnlyDictionary<(KpiId Kpi, Slice Slice), MinuteSeries> Build(IEnumerable<MinuteBucket> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var grouped = new Dictionary<(KpiId, Slice), SortedDictionary<long, KpiAggregate>>();
        foreach (var bucket in buckets)
        {
            var key = (bucket.Kpi, bucket.Slice);
            if (!grouped.TryGetValue(key, out var minutes))
            {
                minutes = [];
                grouped.Add(key, minutes);
            }

            if (minutes.TryGetValue(bucket.Minute, out var merged))
            {
                merged.MergeFrom(bucket.Aggregate);
            }
            else
            {
                minutes.Add(bucket.Minute, bucket.Aggregate.Clone());
            }
        }

        return grouped.ToDictionary(
            g => g.Key,
            g => new MinuteSeries(g.Key.Item1, g.Key.Item2, [.. g.Value.Keys], [.. g.Value.Values]));
    }

    /// <summary>The series of one KPI and slice from buckets of any partitions (empty when none match).</summary>
    public static MinuteSeries For(IEnumerable<MinuteBucket> buckets, KpiId kpi, Slice slice)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        return Build(buckets.Where(b => b.Kpi == kpi && b.Slice == slice)).TryGetValue((kpi, slice), out var series)
            ? series
            : new MinuteSeries(kpi, slice, [], []);
    }

    /// <summary>The index of the first minute greater than <paramref name="minute"/>.</summary>
    internal int UpperBound(long minute)
    {
        int low = 0, high = Minutes.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (Minutes[mid] <= minute)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
