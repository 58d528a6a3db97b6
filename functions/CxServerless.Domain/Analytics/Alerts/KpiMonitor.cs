using CxServerless.Domain.Analytics.Detection;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Windows;

namespace CxServerless.Domain.Analytics.Alerts;

/// <summary>
/// Watches one rule's KPI for one slice: each window goes through the detectors, then the alert state machine.
/// Windows must come in order of their end; one ending at or before the latest one seen is ignored (detectors do not
/// learn from it twice). A window without a value (no denominator) is skipped.
/// </summary>
/// <param name="subject">What is watched.</param>
/// <param name="panel">The rule's detectors for this slice.</param>
/// <param name="state">Saved alert state, when restoring.</param>
public sealed class KpiMonitor(AlertSubject subject, DetectorPanel panel, AlertMachineState? state = null)
{
    private readonly AlertStateMachine _machine = new(subject, state);
    private readonly bool _isMean = KpiCatalog.Get(subject.Kpi).Kind == KpiValueKind.Mean;
    private DateTimeOffset? _lastEnd = state?.LastWindowEnd;

    /// <summary>What is watched.</summary>
    public AlertSubject Subject { get; } = subject;

    /// <summary>The detectors.</summary>
    public DetectorPanel Panel { get; } = panel ?? throw new ArgumentNullException(nameof(panel));

    /// <summary>The alert state machine.</summary>
    public AlertStateMachine Machine => _machine;

    /// <summary>True while a detector of the panel has too little history to judge (the dashboard says "learning").</summary>
    public bool IsLearning => Panel.Detectors.Any(d => d.IsLearning);

    /// <summary>The latest combined verdict, for the dashboard's baseline bands.</summary>
    public PanelVerdict? LastVerdict { get; private set; }

    /// <summary>Evaluates one window of the watched KPI and slice.</summary>
    public AlertTransition Evaluate(WindowResult window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Kpi != Subject.Kpi || window.Slice != Subject.Slice)
        {
            throw new ArgumentException(
                $"This monitor watches {Subject.Kpi} for {Subject.Slice}, not {window.Kpi} for {window.Slice}.", nameof(window));
        }

        if (window.Value is not { } value || (_lastEnd is { } last && window.End <= last))
        {
            return AlertTransition.Nothing;
        }

        _lastEnd = window.End;
        double? spread = _isMean ? Math.Sqrt(window.Aggregate.Variance ?? 0) : null;
        LastVerdict = Panel.Evaluate(new WindowPoint(window.End, value, window.SampleCount, spread));
        return _machine.Step(window.Start, window.End, LastVerdict);
    }
}
