using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Detection;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;

namespace CxServerless.Domain.Analytics.Rules;

/// <summary>One rule: a KPI, the slices it watches, the window it is judged on, its detectors, policy and routing.</summary>
/// <param name="Id">The rule id, unique in the file.</param>
/// <param name="Kpi">The KPI.</param>
/// <param name="Slices">The slices watched.</param>
/// <param name="Window">The window the KPI is judged on.</param>
/// <param name="Detectors">The detectors (at least one).</param>
/// <param name="Policy">The anti-fatigue policy.</param>
/// <param name="Route">The routing hint copied onto alerts.</param>
public sealed record AlertRule(
    string Id,
    KpiId Kpi,
    IReadOnlyList<SliceSelector> Slices,
    WindowSpec Window,
    IReadOnlyList<DetectorRule> Detectors,
    AlertPolicy Policy,
    RoutingHint Route)
{
    /// <summary>True when a detector of the rule learns a baseline (anything but a static limit), so it needs history to judge.</summary>
    public bool HasBaseline => Detectors.Any(d => d is not StaticDetectorRule);

    /// <summary>True when the rule watches <paramref name="slice"/>.</summary>
    public bool Watches(Slice slice) => Slices.Any(s => s.Matches(slice));

    /// <summary>A new monitor for one slice, with fresh detectors, under rules version <paramref name="rulesVersion"/>.</summary>
    public KpiMonitor CreateMonitor(string rulesVersion, Slice slice, AlertMachineState? state = null) =>
        new(
            new AlertSubject(rulesVersion, Id, Kpi, slice, Policy, Route),
            new DetectorPanel(Detectors.Select(d => d.Create()).ToArray()),
            state);
}
