using CxServerless.Domain.Analytics.Rules;

namespace CxServerless.Domain.Analytics.Recalibration;

/// <summary>
/// Whether two rules versions watch the same things: the same KPI settings and event-time policy, and the same rules
/// (ids, KPIs, slices, windows) in the same order. Only such versions can replace each other at run time: the KPI
/// writer and read side are built for the deployed file's shape, and only thresholds and policies may differ.
/// </summary>
public static class RulesShape
{
    /// <summary>How <paramref name="candidate"/> differs in shape from <paramref name="deployed"/>; empty when it fits.</summary>
    /// <param name="deployed">The deployed file's rules.</param>
    /// <param name="candidate">The version to activate.</param>
    /// <returns>The differences, as sentences.</returns>
    public static IReadOnlyList<string> Differences(RuleSet deployed, RuleSet candidate)
    {
        ArgumentNullException.ThrowIfNull(deployed);
        ArgumentNullException.ThrowIfNull(candidate);
        var differences = new List<string>();
        if (deployed.Kpis != candidate.Kpis)
        {
            differences.Add("kpiSettings differ");
        }

        if (deployed.EventTime != candidate.EventTime)
        {
            differences.Add("eventTime differs");
        }

        if (deployed.Rules.Count != candidate.Rules.Count)
        {
            differences.Add($"{candidate.Rules.Count} rules instead of {deployed.Rules.Count}");
            return differences;
        }

        for (var i = 0; i < deployed.Rules.Count; i++)
        {
            var (a, b) = (deployed.Rules[i], candidate.Rules[i]);
            if (a.Id != b.Id || a.Kpi != b.Kpi || a.Window != b.Window || !a.Slices.SequenceEqual(b.Slices))
            {
                differences.Add($"rules[{i}] (\"{b.Id}\") watches another KPI, slice or window than \"{a.Id}\"");
            }
        }

        return differences;
    }
}
