using System.Text.Json;
using System.Text.Json.Serialization;
using CxServerless.Functions.Alerts;

namespace CxServerless.Functions.Analytics;

/// <summary>A detected alert as <c>GET /api/alerts</c>, the KPI summary and the alerts queue show it.</summary>
/// <param name="Id">The alert id.</param>
/// <param name="Source">Always <c>detected</c> (a manual alert is a <see cref="ManualAlertView"/>).</param>
/// <param name="RulesVersion">The rules version that raised it.</param>
/// <param name="RuleId">The rule that raised it.</param>
/// <param name="Kpi">The KPI.</param>
/// <param name="Slice">The slice (<c>all</c>, <c>team=blue</c>, …).</param>
/// <param name="Status">Open or Resolved.</param>
/// <param name="Severity">Informational, Warning, Error or Critical.</param>
/// <param name="Detector">The detector that judged the breach.</param>
/// <param name="Direction">Above or Below.</param>
/// <param name="Value">The latest window's value.</param>
/// <param name="OpeningValue">The value of the window that opened it (null on alerts stored before it was kept).</param>
/// <param name="PeakValue">The worst value while open.</param>
/// <param name="Baseline">The baseline the value was judged against.</param>
/// <param name="Lower">The lower bound in force.</param>
/// <param name="Upper">The upper bound in force.</param>
/// <param name="WindowStart">The start of the latest window.</param>
/// <param name="WindowEnd">The end of the latest window.</param>
/// <param name="OpenedAt">When it opened (the end of the opening window).</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="ResolvedAt">When it resolved.</param>
/// <param name="Resolution">Why it resolved, when a person closed it.</param>
/// <param name="BreachCount">Consecutive breaching windows.</param>
/// <param name="Message">The human-readable summary.</param>
/// <param name="Route">Where the escalation goes.</param>
/// <param name="ParentId">
/// For a sub-slice alert rolled up into an alert on <c>all</c> of its roll-up group (the same KPI's, or another routed to
/// the same people): that alert's id (the child is listed, never announced on its own); null otherwise.
/// </param>
public sealed record DetectedAlertView(
    string Id, string Source, string RulesVersion, string RuleId, string Kpi, string Slice, string Status, string Severity,
    string Detector, string Direction, double? Value, double? OpeningValue, double? PeakValue, double? Baseline, double? Lower,
    double? Upper, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? ResolvedAt, string? Resolution, int BreachCount, string Message, AlertRouteView Route, string? ParentId = null);

/// <summary>An alert's routing hint.</summary>
/// <param name="Team">The owning team, when the slice names one.</param>
/// <param name="Skill">The skill, when known.</param>
/// <param name="IssueType">The issue type the roster routes on.</param>
public sealed record AlertRouteView(string? Team, string? Skill, string? IssueType);

/// <summary>
/// One alert transition on the alerts queue, read by <c>StartEscalation</c>: <c>{ alertId, event, version, alert }</c>,
/// where <c>alert</c> is a <see cref="DetectedAlertView"/> or a <see cref="ManualAlertView"/>.
/// </summary>
/// <param name="AlertId">The alert id.</param>
/// <param name="Event">opened, escalated, updated or resolved.</param>
/// <param name="Version">The alert's version after the transition.</param>
/// <param name="Alert">The alert as the API shows it.</param>
public sealed record AlertTransitionMessage(string AlertId, string Event, int Version, object Alert);

/// <summary>The body of <c>GET /api/alerts</c>.</summary>
/// <param name="Status">The filter applied: open or all.</param>
/// <param name="Alerts">Detected (<see cref="DetectedAlertView"/>) and manual (<see cref="ManualAlertView"/>) alerts,
/// newest first.</param>
public sealed record AlertListResponse(string Status, IReadOnlyList<object> Alerts);

/// <summary>Source-generated JSON for the alert contracts; nulls are written, as clients read every field.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DetectedAlertView))]
[JsonSerializable(typeof(ManualAlertView))]
[JsonSerializable(typeof(AlertTransitionMessage))]
[JsonSerializable(typeof(AlertListResponse))]
internal sealed partial class AlertJsonContext : JsonSerializerContext;
