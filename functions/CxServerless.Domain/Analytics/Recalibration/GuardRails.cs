using System.Globalization;
using CxServerless.Domain.Analytics.Rules;

namespace CxServerless.Domain.Analytics.Recalibration;

/// <summary>
/// The guard rails a draft must stay inside to be activated without a person: no threshold moves more than the
/// active version's <see cref="RecalibrationPolicy.MaxThresholdMovePercent"/>, no detector is switched off (every
/// rule keeps every detector, of the same type, in the same order), and no confirmed alert is lost in the backtest.
/// </summary>
public static class GuardRails
{
    /// <summary>Every guard rail the draft breaks, as sentences; empty when it stays inside them all.</summary>
    /// <param name="active">The active version (its policy sets the rails).</param>
    /// <param name="draft">The draft.</param>
    /// <param name="rules">The draft's per-rule changes and backtests.</param>
    /// <returns>The violations.</returns>
    public static IReadOnlyList<string> Check(RuleSet active, RuleSet draft, IReadOnlyList<RuleRecalibration> rules)
    {
        ArgumentNullException.ThrowIfNull(active);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(rules);
        var violations = new List<string>();
        var limit = active.Recalibration.MaxThresholdMovePercent;
        foreach (var change in rules.SelectMany(r => r.Changes).Where(c => c.MovePercent > limit + 1e-9))
        {
            violations.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{change.RuleId} detector {change.Detector} ({change.Type}) {change.Field} moves {change.MovePercent} %, " +
                $"over the {limit} % limit"));
        }

        foreach (var rule in active.Rules)
        {
            var kept = draft.Rules.FirstOrDefault(r => r.Id == rule.Id);
            if (kept is null || !kept.Detectors.Select(d => d.Type).SequenceEqual(rule.Detectors.Select(d => d.Type)))
            {
                violations.Add($"{rule.Id}: a detector is switched off or changed");
            }
        }

        foreach (var rule in rules.Where(r => r.Backtest is { LostAlertIds.Count: > 0 }))
        {
            violations.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{rule.RuleId}: {rule.Backtest!.LostAlertIds.Count} confirmed alert(s) lost in the backtest"));
        }

        return violations;
    }
}
