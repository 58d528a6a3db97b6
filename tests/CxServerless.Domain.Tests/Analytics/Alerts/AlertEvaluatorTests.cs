using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;
using static CxServerless.Domain.Tests.Analytics.TestEvents;

namespace CxServerless.Domain.Tests.Analytics.Alerts;

public sealed class AlertEvaluatorTests
{
    private static readonly RuleSet Rules = RuleSetParser.ParseOrThrow("""
        {
          "version": "7",
          "defaults": { "window": { "kind": "tumbling", "size": "1m" }, "alerting": { "k": 2, "n": 2, "cooldown": "0s", "recoverAfter": 1 } },
          "rules": [ { "id": "wait", "kpi": "AverageSpeedOfAnswer", "slices": ["queue=*"], "detectors": [ { "type": "static", "upper": 60 } ] } ]
        }
        """);

    private static IReadOnlyDictionary<(KpiId, Slice), MinuteSeries> Series(params (double Minute, double Wait, string Queue)[] answers)
    {
        var accumulator = new MinuteBucketAccumulator("0", KpiSettings.Default);
        foreach (var (minute, wait, queue) in answers)
        {
            accumulator.Add(Answered(At(minute), wait, queue));
        }

        return MinuteSeries.Build(accumulator.Snapshot());
    }

    [Fact]
    public void Evaluates_only_watched_slices_and_judges_each_window_once_across_calls()
    {
        var evaluator = new AlertEvaluator(Rules);
        var series = Series((0.5, 90, "billing"), (1.5, 90, "billing"), (2.5, 90, "billing"), (0.5, 90, "sales"));

        var first = evaluator.Evaluate(series, At(1), At(2));
        var again = evaluator.Evaluate(series, At(1), At(3));

        var opened = Assert.Single(first);
        Assert.Equal((AlertTransitionKind.Opened, "queue=billing", "7"), (opened.Kind, opened.Alert!.Slice.ToString(), opened.Alert.RulesVersion));
        Assert.Equal([AlertTransitionKind.Updated], again.Select(t => t.Kind));
        Assert.Equal(["queue=billing", "queue=sales"], evaluator.Monitors.Keys.Select(k => k.Slice.ToString()).Order());
        Assert.DoesNotContain(evaluator.Monitors.Keys, k => k.Slice == Slice.All);
    }

    [Fact]
    public void Final_only_leaves_provisional_windows_for_a_later_call()
    {
        var evaluator = new AlertEvaluator(Rules);
        var series = Series((0.5, 90, "billing"), (1.5, 90, "billing"));
        Assert.Empty(evaluator.Evaluate(series, At(1), At(2), globalWatermark: At(1), finalOnly: true));
        Assert.Equal(AlertTransitionKind.Opened, Assert.Single(evaluator.Evaluate(series, At(1), At(2), globalWatermark: At(2), finalOnly: true)).Kind);
    }
}
