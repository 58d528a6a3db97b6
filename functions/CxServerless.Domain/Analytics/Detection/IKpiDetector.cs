namespace CxServerless.Domain.Analytics.Detection;

/// <summary>
/// A detector for one KPI and slice. <see cref="Evaluate"/> judges a window against what the detector has learned
/// so far, then learns from it; windows must come in order of their end. Detectors are deterministic: the same
/// windows give the same verdicts.
/// </summary>
public interface IKpiDetector
{
    /// <summary>The detector's name, as in the rules file.</summary>
    string Name { get; }

    /// <summary>
    /// True while the detector has too little history to judge any window (it answers insufficient): its baseline is
    /// still learning. A detector without a baseline (a static limit) is never learning.
    /// </summary>
    bool IsLearning { get; }

    /// <summary>Judges <paramref name="point"/>, then learns from it.</summary>
    DetectorVerdict Evaluate(WindowPoint point);
}
