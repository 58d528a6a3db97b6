using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Detection;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;
using CxServerless.Domain.Events;
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

    /// <summary>Ten contacts a minute on each of three queues in each span [from, to) of minutes after T0, none between spans.</summary>
    private static IReadOnlyDictionary<(KpiId, Slice), MinuteSeries> Contacts(params (int From, int To)[] spans)
    {
        var accumulator = new MinuteBucketAccumulator("0", KpiSettings.Default);
        var n = 0;
        foreach (var (from, to) in spans)
        {
            for (var minute = from; minute < to; minute++)
            {
                foreach (var queue in new[] { "billing", "sales", "support" })
                {
                    for (var i = 0; i < 10; i++)
                    {
                        accumulator.Add(Event(CxEventType.ContactStarted, At(minute, 3 + (i * 5)), queue: queue, conversation: $"c{++n}"));
                    }
                }
            }
        }

        return MinuteSeries.Build(accumulator.Snapshot());
    }

    [Fact]
    public void Traffic_that_starts_on_an_empty_store_opens_no_volume_alert()
    {
        // The handler replays six hours after a cold start: on a first deployment those hours hold nothing at all.
        var evaluator = new AlertEvaluator(DefaultRules.Load());
        var transitions = evaluator.Evaluate(Contacts((0, 120)), At(-360), At(120));

        Assert.DoesNotContain(transitions, t => t.Alert!.Kpi == KpiId.ContactVolume);
        Assert.True(evaluator.Monitors.ContainsKey(("contact-volume", Slice.All)));
    }

    [Fact]
    public void A_volume_monitor_is_learning_until_its_baseline_holds_enough_windows_with_traffic()
    {
        var evaluator = new AlertEvaluator(DefaultRules.Load());
        var series = Contacts((0, 120));
        evaluator.Evaluate(series, At(-360), At(30));
        var volume = evaluator.Monitors[("contact-volume", Slice.All)];
        Assert.True(volume.IsLearning); // the first 15 windows are partly before the traffic; 30 full ones are needed

        evaluator.Evaluate(series, At(30), At(120));
        Assert.False(volume.IsLearning);
        var backlog = evaluator.Rules.Rules.Single(r => r.Id == "backlog").CreateMonitor(evaluator.Rules.Version, Slice.All);
        Assert.False(backlog.IsLearning); // a static limit has nothing to learn
    }

    [Fact]
    public void A_restart_after_idle_time_opens_no_volume_alert_for_the_silence_or_the_return()
    {
        var evaluator = new AlertEvaluator(DefaultRules.Load());
        var transitions = evaluator.Evaluate(Contacts((0, 90), (210, 300)), At(0), At(300));

        Assert.DoesNotContain(transitions, t => t.Alert!.Kpi == KpiId.ContactVolume);
    }

    [Fact]
    public void A_queue_that_goes_silent_while_the_others_carry_on_still_dips()
    {
        var evaluator = new AlertEvaluator(DefaultRules.Load());
        var series = Contacts((0, 240));
        var silent = series.Where(s => s.Key.Item2 != new Slice(SliceDimension.Queue, "sales")).ToDictionary();
        var transitions = evaluator.Evaluate(silent.Concat(Contacts((0, 90))
            .Where(s => s.Key.Item2 == new Slice(SliceDimension.Queue, "sales"))).ToDictionary(), At(0), At(240));

        var dip = Assert.Single(transitions, t => t.Kind == AlertTransitionKind.Opened && t.Alert!.Kpi == KpiId.ContactVolume).Alert!;
        Assert.Equal((new Slice(SliceDimension.Queue, "sales"), BreachDirection.Below), (dip.Slice, dip.Direction));
    }
}
