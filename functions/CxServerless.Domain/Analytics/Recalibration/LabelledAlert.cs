namespace CxServerless.Domain.Analytics.Recalibration;

/// <summary>An alert that fired (a stored alert), with what people said about it.</summary>
/// <param name="AlertId">The alert's id.</param>
/// <param name="RuleId">The rule that raised it.</param>
/// <param name="Kpi">The KPI's name.</param>
/// <param name="Slice">The slice, as text (<c>all</c>, <c>queue=billing</c>).</param>
/// <param name="OpenedAt">The end of the window that opened it (event time).</param>
/// <param name="LastWindowEnd">The end of its latest window (the resolving one once resolved).</param>
/// <param name="Label">False alarm, confirmed or unlabelled.</param>
public sealed record LabelledAlert(
    string AlertId, string RuleId, string Kpi, string Slice, DateTimeOffset OpenedAt, DateTimeOffset LastWindowEnd, AlertLabel Label);
