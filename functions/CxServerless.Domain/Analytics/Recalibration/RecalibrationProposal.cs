using CxServerless.Domain.Analytics.Rules;

namespace CxServerless.Domain.Analytics.Recalibration;

/// <summary>The outcome of one recalibration: per-rule findings, and a draft when a rule was tuned.</summary>
/// <param name="BaseVersion">The active version it started from.</param>
/// <param name="DraftVersion">The draft's version.</param>
/// <param name="DraftJson">The draft's rules file, or null when no rule changed.</param>
/// <param name="Draft">The draft, parsed, or null.</param>
/// <param name="Rules">What was found for each rule with alerts in the history.</param>
/// <param name="Baselines">The baselines recomputed for the rules that were examined.</param>
/// <param name="GuardRailViolations">Why the draft needs approval; empty when it may be activated at once.</param>
public sealed record RecalibrationProposal(
    string BaseVersion,
    string DraftVersion,
    string? DraftJson,
    RuleSet? Draft,
    IReadOnlyList<RuleRecalibration> Rules,
    IReadOnlyList<SliceBaseline> Baselines,
    IReadOnlyList<string> GuardRailViolations)
{
    /// <summary>True when the recalibration produced a draft.</summary>
    public bool HasDraft => DraftJson is not null;

    /// <summary>True when the draft stays inside the guard rails of the active version's policy.</summary>
    public bool WithinGuardRails => GuardRailViolations.Count == 0;
}
