using CxServerless.Domain.Analytics.Kpis;

namespace CxSim.Detection;

/// <summary>
/// The analytics KPIs behind the kebab-case KPI names of incident labels (<see cref="Incidents.IncidentLabel.Affects"/>).
/// </summary>
public static class LabelKpis
{
    private static readonly Dictionary<string, KpiId[]> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["average-speed-of-answer"] = [KpiId.AverageSpeedOfAnswer],
        ["service-level"] = [KpiId.ServiceLevel],
        ["abandonment-rate"] = [KpiId.AbandonmentRate],
        ["csat"] = [KpiId.CsatAverage, KpiId.CsatSatisfied],
        ["nps"] = [KpiId.NetPromoterScore],
        ["customer-effort"] = [KpiId.CustomerEffortScore],
        ["sentiment"] = [KpiId.AverageSentiment],
        ["backlog"] = [KpiId.Backlog],
        ["contact-volume"] = [KpiId.ContactVolume],
        ["first-response-time"] = [KpiId.FirstResponseTime],
        ["average-handle-time"] = [KpiId.AverageHandleTime],
    };

    /// <summary>The KPIs a label name stands for; throws <see cref="ArgumentException"/> for an unknown name.</summary>
    public static IReadOnlyList<KpiId> Of(string name) =>
        ByName.TryGetValue(name, out var kpis) ? kpis : throw new ArgumentException($"Unknown label KPI name '{name}'.", nameof(name));

    /// <summary>Every KPI that any of <paramref name="names"/> stands for.</summary>
    public static IReadOnlySet<KpiId> Of(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.SelectMany(Of).ToHashSet();
    }
}
