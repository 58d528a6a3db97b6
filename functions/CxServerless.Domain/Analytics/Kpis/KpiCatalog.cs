using System.Collections.Frozen;

namespace CxServerless.Domain.Analytics.Kpis;

/// <summary>The definition of every <see cref="KpiId"/>.</summary>
public static class KpiCatalog
{
    private static readonly KpiDefinition[] ById =
    [
        new(KpiId.FirstResponseTime, "First response time", "s", KpiValueKind.Mean, true, false),
        new(KpiId.AverageHandleTime, "Average handle time", "s", KpiValueKind.Mean, true, false),
        new(KpiId.AverageSpeedOfAnswer, "Average speed of answer", "s", KpiValueKind.Mean, true, false),
        new(KpiId.ServiceLevel, "Service level", "%", KpiValueKind.Percent, false, true),
        new(KpiId.AbandonmentRate, "Abandonment rate", "%", KpiValueKind.Percent, false, false),
        new(KpiId.ResolutionRate, "Resolution rate", "%", KpiValueKind.Percent, false, true),
        new(KpiId.FirstContactResolutionRate, "First-contact resolution rate", "%", KpiValueKind.Percent, false, true),
        new(KpiId.EscalationRate, "Escalation rate", "%", KpiValueKind.Percent, false, false),
        new(KpiId.Backlog, "Backlog", string.Empty, KpiValueKind.Gauge, false, false),
        new(KpiId.CsatAverage, "CSAT", string.Empty, KpiValueKind.Mean, false, true),
        new(KpiId.CsatSatisfied, "CSAT satisfied", "%", KpiValueKind.Percent, false, true),
        new(KpiId.NetPromoterScore, "NPS", string.Empty, KpiValueKind.Mean, false, true),
        new(KpiId.CustomerEffortScore, "Customer effort score", string.Empty, KpiValueKind.Mean, false, true),
        new(KpiId.AverageSentiment, "Average sentiment", string.Empty, KpiValueKind.Mean, false, true),
        new(KpiId.ContactVolume, "Contact volume", string.Empty, KpiValueKind.Count, false, true),
    ];

    private static readonly FrozenDictionary<string, KpiId> ByName =
        Enum.GetValues<KpiId>().ToFrozenDictionary(k => k.ToString(), k => k, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every definition, in <see cref="KpiId"/> order.</summary>
    public static IReadOnlyList<KpiDefinition> All => ById;

    /// <summary>The definition of <paramref name="kpi"/>.</summary>
    public static KpiDefinition Get(KpiId kpi) => ById[(int)kpi];

    /// <summary>Finds a KPI by its name (case-insensitive), as written in the rules file and the HTTP API.</summary>
    public static bool TryParse(string? name, out KpiId kpi)
    {
        kpi = default;
        return name is not null && ByName.TryGetValue(name, out kpi);
    }
}
