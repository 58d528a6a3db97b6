using CxServerless.Domain.Analytics.Detection;

namespace CxServerless.Domain.Analytics.Rules;

/// <summary>A <c>levelShift</c> detector.</summary>
/// <param name="Options">Its options.</param>
public sealed record LevelShiftDetectorRule(LevelShiftOptions Options) : DetectorRule("levelShift", Options.Severity)
{
    /// <inheritdoc />
    public override IKpiDetector Create() => new LevelShiftDetector(Options);
}
