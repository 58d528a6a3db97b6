namespace CxServerless.Domain.Analytics.Aggregation;

/// <summary>
/// A mergeable quantile sketch for non-negative values (durations) with 1% relative accuracy, after DDSketch
/// (Masson, Rim and Lee, VLDB 2019): values fall into logarithmic bins, and merging adds bin counts. Merging is
/// exact and order-independent, so a window's p90 composed from per-minute, per-partition sketches equals the sketch
/// of all its values.
/// </summary>
public sealed class QuantileSketch
{
    /// <summary>The relative accuracy of every quantile read from a sketch.</summary>
    public const double RelativeAccuracy = 0.01;

    private const double ZeroThreshold = 1e-9;
    private static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    private static readonly double LogGamma = Math.Log(Gamma);

    private readonly Dictionary<int, long> _bins;

    /// <summary>Creates an empty sketch.</summary>
    public QuantileSketch() => _bins = [];

    private QuantileSketch(Dictionary<int, long> bins, long zeroCount)
    {
        _bins = bins;
        ZeroCount = zeroCount;
        Count = zeroCount + bins.Values.Sum();
    }

    /// <summary>How many values were added.</summary>
    public long Count { get; private set; }

    /// <summary>How many values were zero (or below 1e-9).</summary>
    public long ZeroCount { get; private set; }

    /// <summary>The bin counts by bin index, for storage; rebuild with <see cref="FromBins"/>.</summary>
    public IReadOnlyDictionary<int, long> Bins => _bins;

    /// <summary>Rebuilds a sketch from stored bins; negative counts are a bug in the caller.</summary>
    public static QuantileSketch FromBins(IEnumerable<KeyValuePair<int, long>> bins, long zeroCount)
    {
        ArgumentNullException.ThrowIfNull(bins);
        ArgumentOutOfRangeException.ThrowIfNegative(zeroCount);
        var copy = new Dictionary<int, long>();
        foreach (var (index, count) in bins)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(bins));
            copy[index] = count;
        }

        return new QuantileSketch(copy, zeroCount);
    }

    /// <summary>Adds one non-negative value; negative and non-finite values are ignored.</summary>
    public void Add(double value)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            return;
        }

        Count++;
        if (value <= ZeroThreshold)
        {
            ZeroCount++;
            return;
        }

        var index = (int)Math.Ceiling(Math.Log(value) / LogGamma);
        _bins[index] = _bins.GetValueOrDefault(index) + 1;
    }

    /// <summary>Adds every value of <paramref name="other"/> to this sketch.</summary>
    public void MergeFrom(QuantileSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (index, count) in other._bins)
        {
            _bins[index] = _bins.GetValueOrDefault(index) + count;
        }

        ZeroCount += other.ZeroCount;
        Count += other.Count;
    }

    /// <summary>A copy that can be changed independently.</summary>
    public QuantileSketch Clone() => new(new Dictionary<int, long>(_bins), ZeroCount);

    /// <summary>The value at quantile <paramref name="q"/> (0 to 1) within 1% relative error; null when empty.</summary>
    public double? Quantile(double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        if (Count == 0)
        {
            return null;
        }

        var rank = (long)Math.Floor(q * (Count - 1));
        if (rank < ZeroCount)
        {
            return 0;
        }

        var seen = ZeroCount;
        foreach (var index in _bins.Keys.Order())
        {
            seen += _bins[index];
            if (seen > rank)
            {
                return 2 * Math.Pow(Gamma, index) / (Gamma + 1);
            }
        }

        return 2 * Math.Pow(Gamma, _bins.Keys.Max()) / (Gamma + 1);
    }
}
