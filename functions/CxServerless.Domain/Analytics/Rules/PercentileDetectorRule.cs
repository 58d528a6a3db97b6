using CxServerless.Domain.Analytics.Detection;

namespace CxServerless.Domain.Analytics.Rules;

/// <summary>A <c>percentile</c> detector.</summary>
/// <param name="Options">Its options.</param>
public sealed record PercentileDetectorRule(PercentileBandOptions Options) : DetectorRule("percentile", Options.Severity)
{
    /// <inheritdoc />
    public override IKpiDetector Create() => new PercentileBandDetector(Options);
}
