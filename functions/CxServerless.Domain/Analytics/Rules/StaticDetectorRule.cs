using CxServerless.Domain.Analytics.Detection;

namespace CxServerless.Domain.Analytics.Rules;

/// <summary>A <c>static</c> detector.</summary>
/// <param name="Options">Its limits.</param>
public sealed record StaticDetectorRule(StaticLimitOptions Options) : DetectorRule("static", Options.Severity)
{
    /// <inheritdoc />
    public override IKpiDetector Create() => new StaticLimitDetector(Options);
}
