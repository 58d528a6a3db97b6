namespace CxServerless.Domain.Escalation;

/// <summary>The false alarms of one alert rule in the window.</summary>
/// <param name="Rule">The rule id (<c>manual</c> for declared incidents).</param>
/// <param name="Alerts">Its alerts (tasks) in the window.</param>
/// <param name="FalseAlarms">How many of them were marked false alarms.</param>
/// <param name="Rate">False alarms ÷ alerts.</param>
public sealed record RuleFalseAlarms(string Rule, int Alerts, int FalseAlarms, double Rate);
