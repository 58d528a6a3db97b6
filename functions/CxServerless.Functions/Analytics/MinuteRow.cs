using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;

namespace CxServerless.Functions.Analytics;

/// <summary>
/// Every KPI aggregate of one event minute from one source partition: the unit the writer stores and the reader caches.
/// Only the owner of a source partition writes its rows, so rows never contend; <see cref="AppliedThrough"/> is the
/// highest sequence number of that partition whose events are folded in, which makes redelivered batches exact.
/// </summary>
public sealed class MinuteRow(string partition, long minute)
{
    /// <summary>The source partition's key (event hub, consumer group and partition id).</summary>
    public string Partition { get; } = partition;

    /// <summary>The event minute (<see cref="Domain.Analytics.Windows.EventMinutes"/>): the interval (m − 1 min, m min].</summary>
    public long Minute { get; } = minute;

    /// <summary>The highest sequence number of the partition whose events are counted in this row; −1 for none.</summary>
    public long AppliedThrough { get; set; } = -1;

    /// <summary>The aggregates by KPI and slice.</summary>
    public Dictionary<(KpiId Kpi, Slice Slice), KpiAggregate> Aggregates { get; } = [];

    /// <summary>Adds a bucket of this minute into the row.</summary>
    public void Merge(MinuteBucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        if (Aggregates.TryGetValue((bucket.Kpi, bucket.Slice), out var existing))
        {
            existing.MergeFrom(bucket.Aggregate);
        }
        else
        {
            Aggregates.Add((bucket.Kpi, bucket.Slice), bucket.Aggregate.Clone());
        }
    }

    /// <summary>A deep copy, so that a failed write leaves the cached row as it was.</summary>
    public MinuteRow Clone()
    {
        var copy = new MinuteRow(Partition, Minute) { AppliedThrough = AppliedThrough };
        foreach (var (key, aggregate) in Aggregates)
        {
            copy.Aggregates.Add(key, aggregate.Clone());
        }

        return copy;
    }
}
