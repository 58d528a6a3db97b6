namespace CxServerless.Domain.Analytics.Detection;

/// <summary>
/// Spikes and dips against the trailing mean m of recent windows. A spike needs x ≥ m + max(|m|·(spike − 1), min
/// change); a dip needs x ≤ m − max(|m|·(1 − dip), min change). Measured as a fraction of that threshold, a window
/// clears below one half of it (hysteresis).
/// </summary>
public sealed class SpikeDipDetector : IKpiDetector
{
    private const string Kind = "recent average";
    private const double ClearFraction = 0.5;
    private readonly SpikeDipOptions _options;
    private readonly RollingHistory _history;

    /// <summary>Creates the detector, from saved <paramref name="history"/> (oldest first) when given.</summary>
    public SpikeDipDetector(SpikeDipOptions options, IEnumerable<double>? history = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _history = new RollingHistory(options.TrailingWindows, history);
    }

    /// <inheritdoc />
    public string Name => "spike";

    /// <inheritdoc />
    public bool IsLearning => _history.Count < _options.MinHistory;

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

        var verdict = _history.Count >= o.MinHistory
            ? Judge(point)
            : DetectorVerdict.Insufficient(Name, point.Value, o.Severity, Kind);
        _history.Add(point.Value);
        return verdict;
    }

    private DetectorVerdict Judge(WindowPoint point)
    {
        var o = _options;
        var x = point.Value;
        var mean = _history.ToArray().Average();
        var minChange = Math.Max(o.MinAbsoluteChange, SamplingError.Margin(o.BreachZ, point, mean));
        var rise = Math.Max(Math.Abs(mean) * (o.SpikeFactor - 1), minChange);
        var fall = Math.Max(Math.Abs(mean) * (1 - o.DipFactor), minChange);
        var direction = x > mean ? BreachDirection.Above : x < mean ? BreachDirection.Below : BreachDirection.None;
        var distance = direction switch
        {
            BreachDirection.Above when Hysteresis.Watches(o.Direction, direction) => (x - mean) / rise,
            BreachDirection.Below when Hysteresis.Watches(o.Direction, direction) => (mean - x) / fall,
            _ => 0,
        };
        var level = Hysteresis.Level(distance, 1, ClearFraction);
        return new DetectorVerdict(Name, level, direction, x, mean, mean - fall, mean + rise, o.Severity, Kind);
    }
}
