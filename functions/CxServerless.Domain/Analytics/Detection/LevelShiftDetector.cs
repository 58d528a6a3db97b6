namespace CxServerless.Domain.Analytics.Detection;

/// <summary>
/// Level shifts by a two-window mean test: Welch's t between the mean of the last
/// <see cref="LevelShiftOptions.RecentWindows"/> windows and the mean of the
/// <see cref="LevelShiftOptions.ReferenceWindows"/> before them. Once the new level fills both windows the shift is
/// the new normal and the detector clears; a static limit is what keeps watching an absolute level.
/// </summary>
public sealed class LevelShiftDetector : IKpiDetector
{
    private const string Kind = "previous level";
    private readonly LevelShiftOptions _options;
    private readonly RollingHistory _history;

    /// <summary>Creates the detector, from saved <paramref name="history"/> (oldest first) when given.</summary>
    public LevelShiftDetector(LevelShiftOptions options, IEnumerable<double>? history = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _history = new RollingHistory(options.ReferenceWindows + options.RecentWindows, history);
    }

    /// <inheritdoc />
    public string Name => "levelShift";

    /// <inheritdoc />
    public bool IsLearning => _history.Count < _options.ReferenceWindows + _options.RecentWindows - 1;

    /// <summary>The values learned, oldest first, to save and restore.</summary>
    public IReadOnlyList<double> History => _history.ToArray();

    /// <inheritdoc />
    public DetectorVerdict Evaluate(WindowPoint point)
    {
        var o = _options;
        if (point.SampleCount < o.MinSamples)
        {
            return DetectorVerdict.Insufficient(Name, point.Value, o.Severity, Kind);
        }

        _history.Add(point.Value);
        return _history.Count == o.ReferenceWindows + o.RecentWindows
            ? Judge(point.Value)
            : DetectorVerdict.Insufficient(Name, point.Value, o.Severity, Kind);
    }

    private DetectorVerdict Judge(double x)
    {
        var o = _options;
        var values = _history.ToArray();
        var (referenceMean, referenceVariance) = MeanAndVariance(values.AsSpan(0, o.ReferenceWindows));
        var (recentMean, recentVariance) = MeanAndVariance(values.AsSpan(o.ReferenceWindows));
        var floor = o.MinStdDev * o.MinStdDev;
        var standardError = Math.Sqrt(
            (Math.Max(recentVariance, floor) / o.RecentWindows) + (Math.Max(referenceVariance, floor) / o.ReferenceWindows));
        var t = (recentMean - referenceMean) / standardError;
        var direction = t > 0 ? BreachDirection.Above : t < 0 ? BreachDirection.Below : BreachDirection.None;
        var level = Hysteresis.Level(Hysteresis.Watches(o.Direction, direction) ? Math.Abs(t) : 0, o.BreachT, o.ClearT);
        if (level == DetectionLevel.Breach && Math.Abs(recentMean - referenceMean) < o.MinAbsoluteChange)
        {
            level = DetectionLevel.Hold;
        }

        var band = o.BreachT * standardError;
        return new DetectorVerdict(Name, level, direction, x, referenceMean, referenceMean - band, referenceMean + band, o.Severity, Kind);
    }

    private static (double Mean, double Variance) MeanAndVariance(ReadOnlySpan<double> values)
    {
        double sum = 0, sumOfSquares = 0;
        foreach (var v in values)
        {
            sum += v;
            sumOfSquares += v * v;
        }

        var mean = sum / values.Length;
        var variance = values.Length > 1 ? Math.Max(0, (sumOfSquares - (sum * mean)) / (values.Length - 1)) : 0;
        return (mean, variance);
    }
}
