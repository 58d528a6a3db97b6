using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Windows;
using CxServerless.Domain.Events;

namespace CxServerless.Domain.Tests.Analytics.Scenarios;

/// <summary>Runs events through the whole pure pipeline (buckets → windows → rules → alerts) and returns every transition.</summary>
internal static class RuleScenarioRunner
{
    public static List<AlertTransition> Run(RuleSet rules, IReadOnlyList<CxEvent> events, DateTimeOffset from, DateTimeOffset to)
    {
        var accumulator = new MinuteBucketAccumulator("0", rules.Kpis);
        foreach (var e in events)
        {
            accumulator.Add(e);
        }

        return [.. new AlertEvaluator(rules).Evaluate(MinuteSeries.Build(accumulator.Drain()), from, to)];
    }
}
