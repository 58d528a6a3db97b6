using CxServerless.Domain.Analytics.Rules;

namespace CxServerless.Functions.Analytics;

/// <summary>
/// The rules file deployed with the app: its text and its validated rules. Its shape (KPIs, slices, windows) is what
/// the KPI writer and read side are built for; the thresholds in force come from the active stored version
/// (<see cref="Rules.ActiveRules"/>), which this file seeds.
/// </summary>
/// <param name="Json">The file's text.</param>
/// <param name="Rules">The validated rules.</param>
public sealed record DeployedRules(string Json, RuleSet Rules);
