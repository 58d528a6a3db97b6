using System.Globalization;
using System.Text.RegularExpressions;
using CxServerless.Domain.Analytics.Rules;

namespace CxServerless.Domain.Analytics.Recalibration;

/// <summary>
/// Proposes a draft rules version from history and false-alarm feedback. For every rule whose share of flagged false
/// alarms over the history is above the policy's target (with at least its minimum of flagged alarms), it searches the
/// smallest move of the rule's thresholds (in the policy's steps, up to its search limit; <see cref="RuleTuning"/>)
/// whose backtest avoids every flagged false alarm of the scored period while keeping every confirmed alert. When no
/// move does, it takes the smallest that avoids the most without losing one, and failing that the smallest that
/// avoids them all even at the cost of a confirmed alert (a guard rail then sends the draft for approval). A rule
/// whose false alarms no move avoids is left as it is. Deterministic: the same input gives the same draft.
/// </summary>
public static partial class Recalibrator
{
    /// <summary>Recalibrates.</summary>
    /// <param name="input">The active version, the history and the labelled alerts.</param>
    /// <returns>The findings and the draft, if any.</returns>
    public static RecalibrationProposal Propose(RecalibrationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var active = input.Active;
        var policy = active.Recalibration;
        var findings = new List<RuleRecalibration>();
        var baselines = new List<SliceBaseline>();
        var moves = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var rule in active.Rules)
        {
            var fired = input.Fired.Where(a => a.RuleId == rule.Id).ToList();
            if (fired.Count == 0)
            {
                continue;
            }

            var flagged = fired.Count(a => a.Label == AlertLabel.FalseAlarm);
            var rate = Math.Round((double)flagged / fired.Count, 4);
            if (rate <= policy.FalseAlarmRateTarget || flagged < policy.MinFalseAlarms)
            {
                findings.Add(new RuleRecalibration(rule.Id, fired.Count, flagged, rate, 0, Below(policy, rate, flagged), [], null));
                continue;
            }

            baselines.AddRange(Backtester.Baselines(rule, input.Data));
            var finding = Search(input, rule, fired, flagged, rate);
            findings.Add(finding);
            if (finding.MovePercent > 0)
            {
                moves[rule.Id] = finding.MovePercent;
            }
        }

        if (moves.Count == 0)
        {
            return new RecalibrationProposal(active.Version, input.DraftVersion, null, null, findings, baselines, []);
        }

        var (json, _) = RuleTuning.Apply(input.ActiveJson, active, input.DraftVersion, moves);
        var draft = RuleSetParser.ParseOrThrow(json);
        return new RecalibrationProposal(
            active.Version, input.DraftVersion, json, draft, findings, baselines, GuardRails.Check(active, draft, findings));
    }

    /// <summary>
    /// The version of a draft made from <paramref name="activeVersion"/> on <paramref name="asOf"/>'s day:
    /// <c>{base}-r{yyyyMMdd}</c>, where base is the active version without an earlier recalibration suffix.
    /// </summary>
    /// <param name="activeVersion">The active version.</param>
    /// <param name="asOf">The end of the history.</param>
    /// <returns>The draft version.</returns>
    public static string DraftVersionFor(string activeVersion, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(activeVersion);
        var root = RecalibratedSuffix().Replace(activeVersion, string.Empty);
        var suffix = "-r" + asOf.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return (root.Length + suffix.Length > 64 ? root[..(64 - suffix.Length)] : root) + suffix;
    }

    [GeneratedRegex("-r[0-9]{8}$")]
    private static partial Regex RecalibratedSuffix();

    private static string Below(RecalibrationPolicy policy, double rate, int flagged) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"false-alarm rate {rate:0.###} with {flagged} flagged: within the target {policy.FalseAlarmRateTarget:0.###} " +
            $"(or fewer than {policy.MinFalseAlarms} flagged); unchanged");

    private static RuleRecalibration Search(
        RecalibrationInput input, AlertRule rule, List<LabelledAlert> fired, int flagged, double rate)
    {
        var policy = input.Active.Recalibration;
        var activeReplay = Backtester.Replay(input.Active, rule.Id, input.Data);
        (double Move, RuleBacktest Backtest, IReadOnlyList<ThresholdChange> Changes)? bestKeeping = null;
        (double Move, RuleBacktest Backtest, IReadOnlyList<ThresholdChange> Changes)? firstAvoidingAll = null;
        var steps = (int)Math.Floor(policy.SearchLimitPercent / policy.SearchStepPercent);
        for (var step = 1; step <= steps; step++)
        {
            var move = Math.Round(step * policy.SearchStepPercent, 4);
            var (json, changes) = RuleTuning.Apply(
                input.ActiveJson, input.Active, input.DraftVersion, new Dictionary<string, double> { [rule.Id] = move });
            if (changes.Count == 0)
            {
                break; // nothing in this rule can move (zero limits only)
            }

            var candidate = RuleSetParser.Parse(json).RuleSet;
            if (candidate is null)
            {
                break; // a move this large makes the file invalid; larger ones would too
            }

            var replay = Backtester.Replay(candidate, rule.Id, input.Data);
            var backtest = Backtester.Score(rule, fired, activeReplay, replay, input.Data.BacktestFrom);
            if (backtest.FalseAlarms == 0)
            {
                return new RuleRecalibration(
                    rule.Id, fired.Count, flagged, rate, 0,
                    "above the false-alarm target, but no flagged false alarm lies in the backtest period to test a change on; unchanged",
                    [], backtest);
            }

            var avoidsAll = backtest.FalseAlarmsAvoided == backtest.FalseAlarms;
            if (backtest.LostAlertIds.Count == 0)
            {
                if (avoidsAll)
                {
                    return new RuleRecalibration(rule.Id, fired.Count, flagged, rate, move, Tuned(move, backtest), changes, backtest);
                }

                if (backtest.FalseAlarmsAvoided > (bestKeeping?.Backtest.FalseAlarmsAvoided ?? 0))
                {
                    bestKeeping = (move, backtest, changes);
                }
            }
            else if (avoidsAll && firstAvoidingAll is null)
            {
                firstAvoidingAll = (move, backtest, changes);
            }
        }

        var chosen = bestKeeping ?? firstAvoidingAll;
        return chosen is { } c
            ? new RuleRecalibration(rule.Id, fired.Count, flagged, rate, c.Move, Tuned(c.Move, c.Backtest), c.Changes, c.Backtest)
            : new RuleRecalibration(
                rule.Id, fired.Count, flagged, rate, 0,
                "above the false-alarm target, but no move up to "
                + policy.SearchLimitPercent.ToString(CultureInfo.InvariantCulture) + " % avoids a flagged false alarm; unchanged",
                [], null);
    }

    private static string Tuned(double move, RuleBacktest b) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"thresholds moved {move} % towards less sensitivity: {b.FalseAlarmsAvoided} of {b.FalseAlarms} flagged false alarms " +
            $"avoided, {b.ConfirmedKept} of {b.Confirmed} confirmed alerts kept");
}
