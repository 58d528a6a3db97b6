using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Rules;
using CxSim.Incidents;

namespace CxSim.Detection;

/// <summary>Scores the alerts a replay opened against the scenario's incident labels, by the <see cref="MatchingRule"/>.</summary>
public static class DetectionScorer
{
    /// <summary>
    /// Matches every opened alert (one per opened alert, not per update) to the labels. A sub-slice alert rolled up into its
    /// <c>all</c> alert (<see cref="Alert.ParentId"/>) pages nobody and is not an alert here; if it outlives its parent it
    /// is opened again without one, and counts from then.
    /// </summary>
    public static DetectionScore Score(
        IReadOnlyList<IncidentLabel> labels,
        IEnumerable<RaisedTransition> transitions,
        RuleSet rules,
        TrafficCells cells,
        MatchingRule matching)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(transitions);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(matching);
        var opened = transitions
            .Where(t => t.Transition.Kind == AlertTransitionKind.Opened && t.Alert.ParentId is null
                && t.Alert.OpenedAt >= matching.ScoredFrom)
            .OrderBy(t => t.Alert.OpenedAt)
            .ToList();

        var incidents = labels.Select(label =>
        {
            var first = opened.FirstOrDefault(
                t => InTimeAndKpi(t.Alert, label, rules, matching) && cells.Contains(t.Alert.Slice, label.Slice));
            return new IncidentOutcome(label, first?.Alert, first?.RaisedAt);
        }).ToList();

        var alerts = opened.Select(t =>
        {
            var candidates = labels.Where(l => InTimeAndKpi(t.Alert, l, rules, matching)).ToList();
            var containing = candidates.FirstOrDefault(l => cells.Contains(t.Alert.Slice, l.Slice));
            var overlapping = containing ?? candidates.FirstOrDefault(l => cells.Overlaps(t.Alert.Slice, l.Slice));
            return new AlertOutcome(t.Alert, t.RaisedAt, overlapping, containing is not null);
        }).ToList();

        return new DetectionScore(incidents, alerts);
    }

    private static bool InTimeAndKpi(Alert alert, IncidentLabel label, RuleSet rules, MatchingRule matching)
    {
        var window = rules.Rules.First(r => r.Id == alert.RuleId).Window.Size;
        return LabelKpis.Of(label.Affects).Contains(alert.Kpi)
            && alert.OpenedAt >= label.Start
            && alert.OpenedAt <= label.End + window + matching.Grace;
    }
}
