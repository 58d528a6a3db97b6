using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxServerless.Functions.Alerts;

/// <summary>The body of <c>POST /api/alerts</c>.</summary>
/// <param name="Summary">What is wrong (required, at most 500 characters; masked of personal data before it is stored).</param>
/// <param name="Severity">low, medium, high or critical.</param>
/// <param name="Team">The owning team, a team of the routing file in force (optional).</param>
/// <param name="Kpi">The KPI it concerns (optional, for example <c>AverageSpeedOfAnswer</c>).</param>
/// <param name="Slice">The slice (optional: <c>all</c>, <c>queue=billing</c>; default <c>team={team}</c> or <c>all</c>).</param>
public sealed record ManualAlertRequest(string? Summary, string? Severity, string? Team, string? Kpi, string? Slice);

/// <summary>A manual alert as <c>POST /api/alerts</c> and <c>GET /api/alerts</c> show it, in the shape of a detected one.</summary>
/// <param name="Id">The alert id.</param>
/// <param name="Source">Always <c>manual</c>.</param>
/// <param name="Kpi">The KPI, when declared.</param>
/// <param name="Slice">The slice.</param>
/// <param name="Status">Open or Resolved.</param>
/// <param name="Severity">The chain severity (Informational, Warning, Error, Critical).</param>
/// <param name="RequestedSeverity">The declared severity (low, medium, high, critical).</param>
/// <param name="Message">The summary, masked.</param>
/// <param name="OpenedAt">When it was declared.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="ResolvedAt">When it was resolved.</param>
/// <param name="Resolution">Why it was resolved.</param>
/// <param name="OpenedBy">Who declared it.</param>
/// <param name="Route">Its owning team and issue type <c>manual</c>.</param>
public sealed record ManualAlertView(
    string Id, string Source, string? Kpi, string Slice, string Status, string Severity, string RequestedSeverity, string Message,
    DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ResolvedAt, string? Resolution, string OpenedBy,
    ManualAlertRoute Route);

/// <summary>Where a manual alert is routed.</summary>
/// <param name="Team">The declared team, or null for the routing file's choice.</param>
/// <param name="IssueType">Always <c>manual</c> (a route of the routing file may name its team).</param>
public sealed record ManualAlertRoute(string? Team, string IssueType);

/// <summary>Source-generated JSON for manual alerts; nulls are written, as for detected alerts.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ManualAlertRequest))]
[JsonSerializable(typeof(ManualAlertView))]
internal sealed partial class ManualAlertJsonContext : JsonSerializerContext;
