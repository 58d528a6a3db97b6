using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Recalibration;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Windows;
using static CxServerless.Domain.Tests.Analytics.TestEvents;

namespace CxServerless.Domain.Tests.Analytics.Recalibration;

/// <summary>
/// Two days of answered calls on two queues (two a minute each, 30 s waits) with planted bumps of the wait on billing
/// in the second day, and one rule: a 60 s ceiling (clear 45 s) on 5-minute tumbling windows, opening on one breach.
/// The second day is the backtest period. Alerts are labelled by when they opened, as a person would have.
/// </summary>
internal static class RecalibrationScenario
{
    public const string RulesJson = """
        {
          "version": "7",
          "defaults": {
            "window": { "kind": "tumbling", "size": "5m" },
            "alerting": { "k": 1, "n": 1, "cooldown": "0s", "recoverAfter": 1 }
          },
          "recalibration": { "history": "2d", "backtest": "1d", "maxThresholdMovePercent": 25, "minFalseAlarms": 2 },
          "rules": [
            {
              "id": "wait", "kpi": "AverageSpeedOfAnswer", "slices": ["queue=*"],
              "detectors": [ { "type": "static", "upper": 60, "clearUpper": 45, "severity": "Error" } ]
            }
          ]
        }
        """;

    public static readonly RuleSet WaitRules = RuleSetParser.ParseOrThrow(RulesJson);

    /// <summary>A bump: minutes [From, From + Minutes) after the start of day two at the given wait, labelled.</summary>
    public sealed record Bump(int From, int Minutes, double Wait, AlertLabel Label);

    public static RecalibrationInput Input(params Bump[] bumps)
    {
        var accumulator = new MinuteBucketAccumulator("0", KpiSettings.Default);
        for (var minute = 0; minute < 2 * 1440; minute++)
        {
            var bump = bumps.FirstOrDefault(b => minute >= 1440 + b.From && minute < 1440 + b.From + b.Minutes);
            foreach (var queue in new[] { "billing", "sales" })
            {
                var wait = queue == "billing" && bump is not null ? bump.Wait : 30;
                accumulator.Add(Answered(At(minute, 10), wait, queue));
                accumulator.Add(Answered(At(minute, 40), wait, queue));
            }
        }

        var series = MinuteSeries.Build(accumulator.Snapshot());
        var data = new BacktestData(
            series, new StoreActivity(Enumerable.Range(0, 2 * 1440).Select(m => EventMinutes.MinuteOf(At(m)))),
            new Dictionary<(KpiId, Domain.Analytics.Slices.Slice), double>(), At(0), At(1440), At(2 * 1440));

        // What fired: the active rules over the same data, each alert labelled by the bump it fell in.
        var fired = Backtester.Replay(WaitRules, "wait", data with { BacktestFrom = At(0) })
            .Select((a, i) => new LabelledAlert(
                $"a{i}", a.RuleId, a.Kpi, a.Slice, a.OpenedAt, a.LastWindowEnd,
                bumps.FirstOrDefault(b => a.OpenedAt > At(1440 + b.From) && a.OpenedAt <= At(1440 + b.From + b.Minutes + 5))?.Label
                    ?? AlertLabel.Unlabelled))
            .ToList();
        return new RecalibrationInput(RulesJson, WaitRules, data, fired, Recalibrator.DraftVersionFor(WaitRules.Version, At(2 * 1440)));
    }
}
