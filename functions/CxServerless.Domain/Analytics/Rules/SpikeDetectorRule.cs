using CxServerless.Domain.Analytics.Detection;

namespace CxServerless.Domain.Analytics.Rules;

/// <summary>A <c>spike</c> detector.</summary>
/// <param name="Options">Its options.</param>
public sealed record SpikeDetectorRule(SpikeDipOptions Options) : DetectorRule("spike", Options.Severity)
{
    /// <inheritdoc />
    public override IKpiDetector Create() => new SpikeDipDetector(Options);
}
