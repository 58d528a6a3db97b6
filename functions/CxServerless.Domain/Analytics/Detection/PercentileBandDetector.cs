namespace CxServerless.Domain.Analytics.Detection;

/// <summary>
/// Percentile bands from history: a window breaches when it falls outside the band between the configured
/// percentiles of the last <see cref="PercentileBandOptions.HistorySize"/> windows (linear interpolation between
/// ranks), and clears back inside the clear percentiles.
/// </summary>
public sealed class PercentileBandDetector : IKpiDetector
{
    private const string Kind = "usual range";
    private readonly PercentileBandOptions _options;
    private readonly RollingHistory _history;

    /// <summary>Creates the detector, from saved <paramref name="history"/> (oldest first) when given.</summary>
    public PercentileBandDetector(PercentileBandOptions options, IEnumerable<double>? history = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _history = new RollingHistory(options.HistorySize, history);
    }

    /// <inheritdoc />
    public string Name => "percentile";

    /// <inheritdoc />
    public bool IsLearning => _history.Count < _options.MinHistory;

    /// <summary>The values learned, oldest first, to save and restore.</summary>
    public IReadOnlyList<double> History => _history.ToArray();

    /// <summary>The <paramref name="percentile"/> (0–100) of sorted values, interpolating linearly between ranks.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        var rank = percentile / 100 * (sorted.Count - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((rank - below) * (sorted[above] - sorted[below]));
    }

    /// <inheritdoc />
    public DetectorVerdict Evaluate(WindowPoint point)
    {
        var o = _options;
        if (point.SampleCount < o.MinSamples)
        {
            return DetectorVerdict.Insufficient(Name, point.Value, o.Severity, Kind);
        }

        var verdict = _history.Count >= o.MinHistory
            ? Judge(point.Value)
            : DetectorVerdict.Insufficient(Name, point.Value, o.Severity, Kind);
        _history.Add(point.Value);
        return verdict;
    }

    private DetectorVerdict Judge(double x)
    {
        var o = _options;
        var sorted = _history.ToArray();
        Array.Sort(sorted);
        double? upper = o.UpperPercentile is { } u ? Percentile(sorted, u) : null;
        double? lower = o.LowerPercentile is { } l ? Percentile(sorted, l) : null;
        var median = Percentile(sorted, 50);
        if (upper is { } up && (x > up || x > Percentile(sorted, o.ClearUpperPercentile ?? o.UpperPercentile!.Value)))
        {
            var level = x > up ? DetectionLevel.Breach : DetectionLevel.Hold;
            return new(Name, level, BreachDirection.Above, x, median, lower, upper, o.Severity, Kind);
        }

        if (lower is { } low && (x < low || x < Percentile(sorted, o.ClearLowerPercentile ?? o.LowerPercentile!.Value)))
        {
            var level = x < low ? DetectionLevel.Breach : DetectionLevel.Hold;
            return new(Name, level, BreachDirection.Below, x, median, lower, upper, o.Severity, Kind);
        }

        return new(Name, DetectionLevel.Clear, BreachDirection.None, x, median, lower, upper, o.Severity, Kind);
    }
}
