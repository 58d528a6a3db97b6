using CxServerless.Domain.Analytics.Detection;

namespace CxServerless.Domain.Analytics.Rules;

/// <summary>An <c>ewma</c> detector.</summary>
/// <param name="Options">Its options.</param>
public sealed record EwmaDetectorRule(EwmaBaselineOptions Options) : DetectorRule("ewma", Options.Severity)
{
    /// <inheritdoc />
    public override IKpiDetector Create() => new EwmaBaselineDetector(Options);
}
