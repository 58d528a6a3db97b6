using CxServerless.Domain.Analytics.EventTime;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Recalibration;
using CxServerless.Domain.Analytics.Slices;

namespace CxServerless.Domain.Analytics.Rules;

/// <summary>A validated rules file (<see cref="RuleSetParser"/>): its version, KPI and event-time settings, and rules.</summary>
/// <param name="Version">The version, recorded on every alert.</param>
/// <param name="Kpis">The KPI settings.</param>
/// <param name="EventTime">The watermark policy.</param>
/// <param name="Rules">The rules; at most one rule watches any KPI and slice.</param>
public sealed record RuleSet(string Version, KpiSettings Kpis, WatermarkPolicy EventTime, IReadOnlyList<AlertRule> Rules)
{
    /// <summary>How recalibration may change these rules (the file's <c>recalibration</c> section, or its defaults).</summary>
    public RecalibrationPolicy Recalibration { get; init; } = RecalibrationPolicy.Default;

    /// <summary>The rule that watches <paramref name="kpi"/> for <paramref name="slice"/>, if any.</summary>
    public AlertRule? RuleFor(KpiId kpi, Slice slice) => Rules.FirstOrDefault(r => r.Kpi == kpi && r.Watches(slice));
}
