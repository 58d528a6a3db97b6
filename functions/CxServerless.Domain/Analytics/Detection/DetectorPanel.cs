namespace CxServerless.Domain.Analytics.Detection;

/// <summary>The detectors configured for one KPI and slice, evaluated together on each window.</summary>
/// <param name="detectors">The detectors, in rule order (at least one).</param>
public sealed class DetectorPanel(IReadOnlyList<IKpiDetector> detectors)
{
    /// <summary>The detectors.</summary>
    public IReadOnlyList<IKpiDetector> Detectors { get; } = detectors is { Count: > 0 }
        ? detectors
        : throw new ArgumentException("A panel needs at least one detector.", nameof(detectors));

    /// <summary>Evaluates every detector on <paramref name="point"/> (each then learns from it) and combines the verdicts.</summary>
    public PanelVerdict Evaluate(WindowPoint point) => PanelVerdict.Combine(Detectors.Select(d => d.Evaluate(point)).ToArray());
}
