namespace CxServerless.Dashboard.Tests.Support;

/// <summary>What an agent may see (issue 6: their team's queue figures, no sensitive metrics).</summary>
internal static class Kpis
{
    public static readonly HashSet<string> AgentVisible = new(StringComparer.Ordinal)
    {
        "ContactVolume", "AverageSpeedOfAnswer", "ServiceLevel", "AbandonmentRate", "Backlog", "FirstResponseTime",
    };

    public static readonly string[] Sensitive =
    [
        "CsatAverage", "CsatSatisfied", "NetPromoterScore", "CustomerEffortScore", "AverageSentiment", "AverageHandleTime",
        "ResolutionRate", "FirstContactResolutionRate", "EscalationRate",
    ];
}
