using CxServerless.Domain.Analytics.Kpis;

namespace CxServerless.Domain.Analytics.Aggregation;

/// <summary>
/// The additive, mergeable summary of a KPI's observations in a bucket or window: weight (the denominator), sum,
/// sum of squares, minimum, maximum and, for durations, a quantile sketch. Merging is associative and commutative
/// (up to floating-point rounding of the sums), so buckets compose into any window in any order.
/// </summary>
public sealed class KpiAggregate
{
    /// <summary>Creates an empty aggregate, with a quantile sketch when <paramref name="keepQuantiles"/> is true.</summary>
    public KpiAggregate(bool keepQuantiles = false) => Sketch = keepQuantiles ? new QuantileSketch() : null;

    /// <summary>The count of observations weighted by their share of the denominator.</summary>
    public long Weight { get; private set; }

    /// <summary>The sum of observed values.</summary>
    public double Sum { get; private set; }

    /// <summary>The sum of squared observed values (for variance).</summary>
    public double SumOfSquares { get; private set; }

    /// <summary>The smallest observed value, or +∞ when empty.</summary>
    public double Min { get; private set; } = double.PositiveInfinity;

    /// <summary>The largest observed value, or −∞ when empty.</summary>
    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>The quantile sketch, for KPIs that keep one.</summary>
    public QuantileSketch? Sketch { get; private set; }

    /// <summary>True when nothing was observed.</summary>
    public bool IsEmpty => Weight == 0 && Sum == 0 && double.IsPositiveInfinity(Min);

    /// <summary>Rebuilds an aggregate from stored parts (see the properties for their meaning).</summary>
    public static KpiAggregate FromParts(long weight, double sum, double sumOfSquares, double min, double max, QuantileSketch? sketch) =>
        new(sketch is not null) { Weight = weight, Sum = sum, SumOfSquares = sumOfSquares, Min = min, Max = max, Sketch = sketch?.Clone() };

    /// <summary>A new aggregate holding every observation of <paramref name="parts"/>; the parts are not changed.</summary>
    public static KpiAggregate Merge(IEnumerable<KpiAggregate> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        KpiAggregate? result = null;
        foreach (var part in parts)
        {
            if (result is null)
            {
                result = part.Clone();
            }
            else
            {
                result.MergeFrom(part);
            }
        }

        return result ?? new KpiAggregate();
    }

    /// <summary>Adds one observation.</summary>
    public void Add(double value, long weight = 1)
    {
        Weight += weight;
        Sum += value;
        SumOfSquares += value * value;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
        if (weight > 0)
        {
            Sketch?.Add(value);
        }
    }

    /// <summary>Adds every observation of <paramref name="other"/>.</summary>
    public void MergeFrom(KpiAggregate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Weight += other.Weight;
        Sum += other.Sum;
        SumOfSquares += other.SumOfSquares;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        if (other.Sketch is not null)
        {
            Sketch ??= new QuantileSketch();
            Sketch.MergeFrom(other.Sketch);
        }
    }

    /// <summary>A copy that can be changed independently.</summary>
    public KpiAggregate Clone() => FromParts(Weight, Sum, SumOfSquares, Min, Max, Sketch);

    /// <summary>Sum ÷ weight, or null when the weight is zero.</summary>
    public double? Mean => Weight > 0 ? Sum / Weight : null;

    /// <summary>The sample variance of the observations, or null with fewer than two.</summary>
    public double? Variance => Weight > 1 ? Math.Max(0, (SumOfSquares - (Sum * Sum / Weight)) / (Weight - 1)) : null;

    /// <summary>
    /// The KPI's value read from this aggregate (see <see cref="KpiValueKind"/>), or null when there is nothing to
    /// read. For a <see cref="KpiValueKind.Gauge"/> the aggregate must already hold every change up to the window end.
    /// </summary>
    public double? ValueOf(KpiValueKind kind) => kind switch
    {
        KpiValueKind.Mean => Mean,
        KpiValueKind.Percent => Mean * 100,
        KpiValueKind.Count => Weight,
        KpiValueKind.Gauge => Sum,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown KPI value kind."),
    };
}
