namespace CxServerless.Domain.Analytics.Detection;

/// <summary>
/// Static limits. They do not learn, so they catch slow creep that an adaptive baseline would absorb; pair them with
/// a baseline detector as a ceiling (or floor).
/// </summary>
/// <param name="options">The limits.</param>
public sealed class StaticLimitDetector(StaticLimitOptions options) : IKpiDetector
{
    private const string Kind = "limit";

    /// <inheritdoc />
    public string Name => "static";

    /// <inheritdoc />
    public bool IsLearning => false;

    /// <inheritdoc />
    public DetectorVerdict Evaluate(WindowPoint point)
    {
        var o = options;
        var x = point.Value;
        if (point.SampleCount < o.MinSamples)
        {
            return DetectorVerdict.Insufficient(Name, x, o.Severity, Kind);
        }

        if (o.Upper is { } upper && (x > upper || x > o.ClearUpper))
        {
            var breach = x > upper + SamplingError.Margin(o.BreachZ, point, upper);
            return Verdict(breach ? DetectionLevel.Breach : DetectionLevel.Hold, BreachDirection.Above, x, upper);
        }

        if (o.Lower is { } lower && (x < lower || x < o.ClearLower))
        {
            var breach = x < lower - SamplingError.Margin(o.BreachZ, point, lower);
            return Verdict(breach ? DetectionLevel.Breach : DetectionLevel.Hold, BreachDirection.Below, x, lower);
        }

        return Verdict(DetectionLevel.Clear, BreachDirection.None, x, o.Upper ?? o.Lower);
    }

    private DetectorVerdict Verdict(DetectionLevel level, BreachDirection direction, double value, double? limit) =>
        new(Name, level, direction, value, limit, options.Lower, options.Upper, options.Severity, Kind);
}
