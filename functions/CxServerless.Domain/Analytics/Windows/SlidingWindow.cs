using CxServerless.Domain.Analytics.Aggregation;

namespace CxServerless.Domain.Analytics.Windows;

/// <summary>
/// ASA's sliding window at event resolution: an output whenever an event enters the window (at its time) or leaves
/// it (at its time + size), for the window (end − size, end], and only when the window is not empty. This is the
/// reference the minute-bucket path (<see cref="WindowComposer"/> with <see cref="WindowKind.Sliding"/>) is checked
/// against at minute ends; it keeps every value, so it is meant for small inputs such as one conversation.
/// </summary>
public static class SlidingWindow
{
    /// <summary>The sliding-window outputs over <paramref name="values"/>, in time order, as (end, aggregate).</summary>
    public static IReadOnlyList<(DateTimeOffset End, KpiAggregate Aggregate)> Evaluate(IEnumerable<TimedValue> values, TimeSpan size)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(size, TimeSpan.Zero);
        var sorted = values.OrderBy(v => v.Time).ToArray();
        var ends = new SortedSet<DateTimeOffset>(sorted.Select(v => v.Time).Concat(sorted.Select(v => v.Time + size)));
        var outputs = new List<(DateTimeOffset, KpiAggregate)>();
        var first = 0;
        var last = 0;
        foreach (var end in ends)
        {
            while (last < sorted.Length && sorted[last].Time <= end)
            {
                last++;
            }

            while (first < last && sorted[first].Time <= end - size)
            {
                first++;
            }

            if (first < last)
            {
                outputs.Add((end, Aggregate(sorted, first, last)));
            }
        }

        return outputs;
    }

    private static KpiAggregate Aggregate(TimedValue[] sorted, int first, int last)
    {
        var aggregate = new KpiAggregate();
        for (var i = first; i < last; i++)
        {
            aggregate.Add(sorted[i].Value);
        }

        return aggregate;
    }
}
