namespace CxServerless.Functions.Tasks;

/// <summary>An alert someone closed as a false alarm: a row of the <c>FalseAlarms</c> table, read by recalibration.</summary>
/// <param name="AlertId">The alert.</param>
/// <param name="TaskId">Its task.</param>
/// <param name="RulesVersion">The rules version that raised the alert, when the alert is still stored.</param>
/// <param name="RuleId">The rule that raised it, when known.</param>
/// <param name="Kpi">The KPI, when the alert is about one.</param>
/// <param name="Slice">The slice.</param>
/// <param name="Severity">The severity the task had.</param>
/// <param name="Reason">Why it was a false alarm, masked of personal data.</param>
/// <param name="By">Who said so (a user id).</param>
/// <param name="At">When.</param>
public sealed record FalseAlarmRecord(
    string AlertId, string TaskId, string? RulesVersion, string? RuleId, string? Kpi, string Slice, string Severity, string Reason,
    string By, DateTimeOffset At);
