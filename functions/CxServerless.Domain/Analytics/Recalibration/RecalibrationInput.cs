using CxServerless.Domain.Analytics.Rules;

namespace CxServerless.Domain.Analytics.Recalibration;

/// <summary>Everything one recalibration works from.</summary>
/// <param name="ActiveJson">The active version's rules file.</param>
/// <param name="Active">The same, parsed (its <see cref="RuleSet.Recalibration"/> policy applies).</param>
/// <param name="Data">The stored history.</param>
/// <param name="Fired">The alerts that fired over the history, labelled by what people said.</param>
/// <param name="DraftVersion">The version a draft gets.</param>
public sealed record RecalibrationInput(
    string ActiveJson, RuleSet Active, BacktestData Data, IReadOnlyList<LabelledAlert> Fired, string DraftVersion);
