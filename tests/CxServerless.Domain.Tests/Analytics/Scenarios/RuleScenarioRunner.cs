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

        var transitions = new List<AlertTransition>();
        foreach (var ((kpi, slice), series) in MinuteSeries.Build(accumulator.Drain()))
        {
            if (rules.RuleFor(kpi, slice) is not { } rule)
            {
                continue;
            }

            var monitor = rule.CreateMonitor(rules.Version, slice);
            foreach (var window in WindowComposer.Compose(series, rule.Window, from, to))
            {
                var transition = monitor.Evaluate(window);
                if (transition.Kind != AlertTransitionKind.None)
                {
                    transitions.Add(transition);
                }
            }
        }

        return transitions;
    }
}
