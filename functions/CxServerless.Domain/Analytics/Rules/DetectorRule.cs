using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Detection;

namespace CxServerless.Domain.Analytics.Rules;

/// <summary>One detector of a rule, as configured; <see cref="Create"/> makes a fresh detector for one slice.</summary>
/// <param name="Type">The detector type as written in the rules file.</param>
/// <param name="Severity">The severity of its breaches.</param>
public abstract record DetectorRule(string Type, AlertSeverity Severity)
{
    /// <summary>A new detector with nothing learned.</summary>
    public abstract IKpiDetector Create();
}

/// <summary>A <c>static</c> detector.</summary>
/// <param name="Options">Its limits.</param>
public sealed record StaticDetectorRule(StaticLimitOptions Options) : DetectorRule("static", Options.Severity)
{
    /// <inheritdoc />
    public override IKpiDetector Create() => new StaticLimitDetector(Options);
}

/// <summary>An <c>ewma</c> detector.</summary>
/// <param name="Options">Its options.</param>
public sealed record EwmaDetectorRule(EwmaBaselineOptions Options) : DetectorRule("ewma", Options.Severity)
{
    /// <inheritdoc />
    public override IKpiDetector Create() => new EwmaBaselineDetector(Options);
}

/// <summary>A <c>percentile</c> detector.</summary>
/// <param name="Options">Its options.</param>
public sealed record PercentileDetectorRule(PercentileBandOptions Options) : DetectorRule("percentile", Options.Severity)
{
    /// <inheritdoc />
    public override IKpiDetector Create() => new PercentileBandDetector(Options);
}

/// <summary>A <c>spike</c> detector.</summary>
/// <param name="Options">Its options.</param>
public sealed record SpikeDetectorRule(SpikeDipOptions Options) : DetectorRule("spike", Options.Severity)
{
    /// <inheritdoc />
    public override IKpiDetector Create() => new SpikeDipDetector(Options);
}

/// <summary>A <c>levelShift</c> detector.</summary>
/// <param name="Options">Its options.</param>
public sealed record LevelShiftDetectorRule(LevelShiftOptions Options) : DetectorRule("levelShift", Options.Severity)
{
    /// <inheritdoc />
    public override IKpiDetector Create() => new LevelShiftDetector(Options);
}
