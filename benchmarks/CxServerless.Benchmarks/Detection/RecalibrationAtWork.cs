using CxServerless.Domain.Analytics.Recalibration;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Windows;
using CxSim.Detection;
using CxSim.Detection.Quality;

namespace CxServerless.Benchmarks.Detection;

/// <summary>
/// Recalibration at work on deliberately mis-set thresholds. The frozen rules get the static limits of
/// <see cref="RuleId"/> multiplied by <see cref="Factor"/> (<see cref="RulesTransforms.ScaleStatic"/>): a ceiling that
/// normal traffic crosses. One independent run of 6 warm-up hours, two scored days that are recalibrated on and one
/// held-out day, with incidents placed by the same script. The mis-set rules are replayed over the first two days; each
/// alert they opened is labelled from the incident labels as people would flag it (no incident shares its traffic:
/// false alarm; otherwise confirmed); one run of the real <see cref="Recalibrator"/> (with its <see cref="Backtester"/>)
/// proposes a draft from those two days' buckets and labels. Precision before (mis-set) and after (draft) is scored on
/// the held-out day only, which the recalibration never saw.
/// </summary>
internal static class RecalibrationAtWork
{
    public const string RuleId = "handle-time";
    public const double Factor = 0.5;
    public const int Seed = 900;

    public static RecalibrationResult Run(string rulesJson, PlacementOptions placement)
    {
        var misSetJson = RulesTransforms.ScaleStatic(rulesJson, RuleId, Factor);
        var misSet = RuleSetParser.ParseOrThrow(misSetJson);
        var days = placement with { ScoredHours = 72, IncidentsPerRun = 9 };
        var run = IncidentPlacement.IncidentRun(IncidentPlacement.Independent, Seed, days) with { Id = "recalibration" };
        var heldOutFrom = run.ScoredFrom.AddHours(48);
        var labels = PlannedTraffic.Labels(run);
        var cells = PlannedTraffic.Cells(run);
        var events = PlannedTraffic.Events(run).ToList();

        var before = new AlertReplay(misSet, new ReplayOptions { ThroughIngestion = false, KeepHistory = true });
        before.Run(events);
        var scored = new MatchingRule(MatchingRule.DefaultGrace, run.ScoredFrom);
        var history = DetectionScorer.Score(labels, before.Transitions, misSet, cells, scored);
        var lastEnd = before.Transitions.GroupBy(t => t.Alert.Id).ToDictionary(g => g.Key, g => g.Max(t => t.Alert.WindowEnd));
        var fired = history.Alerts
            .Where(a => a.Alert.OpenedAt < heldOutFrom)
            .Select(a => new LabelledAlert(
                a.Alert.Id, a.Alert.RuleId, a.Alert.Kpi.ToString(), a.Alert.Slice.ToString(), a.Alert.OpenedAt,
                Min(lastEnd[a.Alert.Id], heldOutFrom), a.IsFalse ? AlertLabel.FalseAlarm : AlertLabel.Confirmed))
            .ToList();
        var buckets = before.History.Where(b => EventMinutes.EndOf(b.Minute) <= heldOutFrom).ToList();
        var data = new BacktestData(
            MinuteSeries.Build(buckets),
            new StoreActivity(before.HistoryMinutes.Where(m => EventMinutes.EndOf(m) <= heldOutFrom)),
            new Dictionary<(CxServerless.Domain.Analytics.Kpis.KpiId, CxServerless.Domain.Analytics.Slices.Slice), double>(),
            run.Start,
            run.ScoredFrom,
            heldOutFrom);
        var proposal = Recalibrator.Propose(new RecalibrationInput(
            misSetJson, misSet, data, fired, Recalibrator.DraftVersionFor(misSet.Version, heldOutFrom)));

        var heldOut = new MatchingRule(MatchingRule.DefaultGrace, heldOutFrom);
        var beforeScore = DetectionScorer.Score(labels, before.Transitions, misSet, cells, heldOut);
        DetectionScore? afterScore = null;
        if (proposal.Draft is { } draft)
        {
            var after = new AlertReplay(draft, new ReplayOptions { ThroughIngestion = false });
            after.Run(events);
            afterScore = DetectionScorer.Score(labels, after.Transitions, draft, cells, heldOut);
        }

        return new RecalibrationResult(
            run, heldOutFrom, FrozenHash.Of(misSetJson), fired, proposal, HeldOut(run, beforeScore, heldOutFrom),
            afterScore is null ? null : HeldOut(run, afterScore, heldOutFrom));
    }

    // Only the incidents of the held-out day count for its recall.
    private static ScoredRun HeldOut(PlannedRun run, DetectionScore score, DateTimeOffset from)
    {
        var keep = run.Incidents.Select((incident, i) => (incident, i)).Where(p => p.incident.Start >= from).Select(p => p.i).ToList();
        return new ScoredRun(
            run with { Incidents = [.. keep.Select(i => run.Incidents[i])] },
            new DetectionScore([.. keep.Select(i => score.Incidents[i])], score.Alerts));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
