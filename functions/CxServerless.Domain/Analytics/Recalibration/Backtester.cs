using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;

namespace CxServerless.Domain.Analytics.Recalibration;

/// <summary>
/// Replays stored history through a rules version with the evaluator's own code (<see cref="AlertEvaluator"/>: windows,
/// detectors, alert state machines) and scores the alerts it would have opened against the alerts that did fire and
/// what people said about them. Deterministic; no I/O.
/// </summary>
public static class Backtester
{
    /// <summary>
    /// The alerts one rule of <paramref name="rules"/> opens over the history, keeping those opened at or after
    /// <see cref="BacktestData.BacktestFrom"/>. Every window from <see cref="BacktestData.HistoryFrom"/> is judged and
    /// learned, so the learned baselines are recomputed from the whole history before the scored period.
    /// </summary>
    /// <param name="rules">The rules version.</param>
    /// <param name="ruleId">The rule replayed.</param>
    /// <param name="data">The history.</param>
    /// <returns>The alerts, in order of opening.</returns>
    public static IReadOnlyList<ReplayedAlert> Replay(RuleSet rules, string ruleId, BacktestData data)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(data);
        var rule = rules.Rules.FirstOrDefault(r => r.Id == ruleId)
            ?? throw new ArgumentException($"Rules version {rules.Version} has no rule '{ruleId}'.", nameof(ruleId));
        var evaluator = new AlertEvaluator(rules with { Rules = [rule] });
        var series = data.Series
            .Where(s => s.Key.Kpi == rule.Kpi && rule.Watches(s.Key.Slice))
            .ToDictionary(s => s.Key, s => s.Value);
        var transitions = evaluator.Evaluate(
            series, data.HistoryFrom, data.To, data.To, finalOnly: true, data.Openings, activity: data.Activity);

        var open = new Dictionary<(KpiId, Slice), Alert>();
        var alerts = new List<ReplayedAlert>();
        void Close(Alert opening, DateTimeOffset end)
        {
            if (opening.OpenedAt >= data.BacktestFrom)
            {
                alerts.Add(new ReplayedAlert(rule.Id, opening.Kpi.ToString(), opening.Slice.ToString(), opening.OpenedAt, end));
            }
        }

        foreach (var transition in transitions)
        {
            var alert = transition.Alert!;
            var key = (alert.Kpi, alert.Slice);
            if (transition.Kind == AlertTransitionKind.Opened && alert.ParentId is null)
            {
                // Rolled-up children page nobody; a promoted child opens here with its first opening time.
                open[key] = alert;
            }
            else if (transition.Kind == AlertTransitionKind.Resolved && open.Remove(key, out var opening))
            {
                Close(opening, alert.WindowEnd);
            }
        }

        foreach (var opening in open.Values)
        {
            Close(opening, data.To);
        }

        return [.. alerts.OrderBy(a => a.OpenedAt).ThenBy(a => a.Slice, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Scores a replay of one rule against the alerts that fired in the scored period. A fired alert is matched by a
    /// replayed alert of the same rule and slice whose time overlaps it, give or take one window of the rule.
    /// </summary>
    /// <param name="rule">The rule (its window is the matching tolerance).</param>
    /// <param name="fired">The alerts that fired, labelled; those of other rules or before the period are ignored.</param>
    /// <param name="activeReplay">The active version's replay.</param>
    /// <param name="draftReplay">The draft's replay.</param>
    /// <param name="backtestFrom">The start of the scored period.</param>
    /// <returns>The rule's backtest.</returns>
    public static RuleBacktest Score(
        AlertRule rule,
        IReadOnlyList<LabelledAlert> fired,
        IReadOnlyList<ReplayedAlert> activeReplay,
        IReadOnlyList<ReplayedAlert> draftReplay,
        DateTimeOffset backtestFrom)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(fired);
        ArgumentNullException.ThrowIfNull(activeReplay);
        ArgumentNullException.ThrowIfNull(draftReplay);
        var mine = fired.Where(a => a.RuleId == rule.Id && a.OpenedAt >= backtestFrom).ToList();
        var tolerance = rule.Window.Size;
        bool Raised(LabelledAlert a) => draftReplay.Any(r =>
            r.Slice == a.Slice && r.OpenedAt - rule.Window.Size <= a.LastWindowEnd + tolerance
            && a.OpenedAt - rule.Window.Size <= r.LastWindowEnd + tolerance);

        var falseAlarms = mine.Where(a => a.Label == AlertLabel.FalseAlarm).ToList();
        var confirmed = mine.Where(a => a.Label == AlertLabel.Confirmed).ToList();
        var avoided = falseAlarms.Where(a => !Raised(a)).Select(a => a.AlertId).ToList();
        var lost = confirmed.Where(a => !Raised(a)).Select(a => a.AlertId).ToList();
        return new RuleBacktest(
            mine.Count, activeReplay.Count, draftReplay.Count, falseAlarms.Count, avoided.Count, confirmed.Count,
            confirmed.Count - lost.Count, avoided, lost);
    }

    /// <summary>The recomputed baselines of one rule: the distribution of its final window values per slice over the history.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="data">The history.</param>
    /// <returns>One baseline per slice with data.</returns>
    public static IReadOnlyList<SliceBaseline> Baselines(AlertRule rule, BacktestData data)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(data);
        var baselines = new List<SliceBaseline>();
        foreach (var ((kpi, slice), series) in data.Series.Where(s => s.Key.Kpi == rule.Kpi && rule.Watches(s.Key.Slice))
                     .OrderBy(s => s.Key.Slice.ToString(), StringComparer.Ordinal))
        {
            var opening = data.Openings.GetValueOrDefault((kpi, slice));
            var values = WindowComposer.Compose(series, rule.Window, data.HistoryFrom, data.To, data.To, opening)
                .Where(w => w.Status == WindowStatus.Final && w.Value is { } v && double.IsFinite(v))
                .Select(w => w.Value!.Value)
                .Order()
                .ToArray();
            if (values.Length == 0)
            {
                continue;
            }

            var mean = values.Average();
            var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
            baselines.Add(new SliceBaseline(
                rule.Id, slice.ToString(), values.Length, Round(mean), Round(sd),
                Round(Quantile(values, 0.05)), Round(Quantile(values, 0.5)), Round(Quantile(values, 0.95))));
        }

        return baselines;
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }

    private static double Round(double value) => Math.Round(value, 4);
}
