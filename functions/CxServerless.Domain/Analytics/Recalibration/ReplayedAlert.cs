namespace CxServerless.Domain.Analytics.Recalibration;

/// <summary>An alert that a rules version opens when the stored history is replayed through it.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Kpi">The KPI's name.</param>
/// <param name="Slice">The slice, as text.</param>
/// <param name="OpenedAt">The end of the window that opened it.</param>
/// <param name="LastWindowEnd">The end of the window that resolved it, or of the last window replayed while it was open.</param>
public sealed record ReplayedAlert(string RuleId, string Kpi, string Slice, DateTimeOffset OpenedAt, DateTimeOffset LastWindowEnd);
