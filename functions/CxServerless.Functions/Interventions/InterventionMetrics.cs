using System.Diagnostics.Metrics;
using CxServerless.Functions.Telemetry;

namespace CxServerless.Functions.Interventions;

/// <summary>The interventions' metric: <c>cx.interventions</c> by kind and outcome (sent or suppressed by which cap).</summary>
public static class InterventionMetrics
{
    private static readonly Counter<long> Decided = CxTelemetry.Meter.CreateCounter<long>(
        "cx.interventions",
        unit: "{intervention}",
        description: "Interventions decided, by kind and outcome (sent, suppressedCustomerCap, suppressedTeamCap); once each.");

    /// <summary>Records one decided intervention.</summary>
    /// <param name="kind">Its kind.</param>
    /// <param name="outcome">Its outcome.</param>
    public static void Record(string kind, string outcome) =>
        Decided.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", outcome));
}
