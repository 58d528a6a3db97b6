using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxServerless.Functions.Handover;

/// <summary>
/// A shift handover: what the outgoing shift of a team leaves to the incoming one. Stored as written (the Handovers
/// table) and answered as stored by <c>GET /api/handovers/latest</c>. Holds employee ids and alert facts, never customer data.
/// </summary>
/// <param name="Team">The team.</param>
/// <param name="At">The shift boundary: when the incoming shift took over.</param>
/// <param name="OutgoingFrom">When the outgoing shift started (the team's boundary before).</param>
/// <param name="IncomingLeads">The team leads on shift at the boundary, who were notified.</param>
/// <param name="RosterVersion">The routing file's version the boundary came from.</param>
/// <param name="WrittenAt">When the summary was written.</param>
/// <param name="Alerts">The team's alerts during the outgoing shift.</param>
/// <param name="Tasks">The team's tasks by state.</param>
/// <param name="Kpis">The team's KPIs that moved most against their baseline during the outgoing shift, worst first.</param>
public sealed record HandoverSummary(
    string Team,
    DateTimeOffset At,
    DateTimeOffset OutgoingFrom,
    IReadOnlyList<string> IncomingLeads,
    string RosterVersion,
    DateTimeOffset WrittenAt,
    HandoverAlerts Alerts,
    HandoverTasks Tasks,
    IReadOnlyList<HandoverKpi> Kpis);

/// <summary>The team's alerts during the outgoing shift.</summary>
/// <param name="Opened">Alerts opened during the shift.</param>
/// <param name="Resolved">Alerts resolved during the shift.</param>
/// <param name="StillOpen">Alerts open at the boundary.</param>
/// <param name="Open">The alerts open at the boundary, most severe first (at most 20).</param>
public sealed record HandoverAlerts(int Opened, int Resolved, int StillOpen, IReadOnlyList<HandoverAlert> Open);

/// <summary>An alert still open at the boundary.</summary>
/// <param name="Id">The alert id.</param>
/// <param name="Severity">Its severity.</param>
/// <param name="Kpi">The KPI.</param>
/// <param name="Slice">The slice.</param>
/// <param name="Message">The alert's message.</param>
/// <param name="OpenedAt">When it opened (the end of the window that opened it).</param>
public sealed record HandoverAlert(string Id, string Severity, string Kpi, string Slice, string Message, DateTimeOffset OpenedAt);

/// <summary>The team's tasks at the boundary.</summary>
/// <param name="Created">Tasks created during the shift.</param>
/// <param name="Open">Tasks open (not acknowledged) at the boundary.</param>
/// <param name="Acknowledged">Tasks acknowledged and not closed at the boundary.</param>
/// <param name="Resolved">Tasks closed during the shift (resolved, false alarm or alert resolved).</param>
/// <param name="SlaBreaches">Tasks past their last level's SLA: still open at the boundary, or closed during the shift.</param>
/// <param name="Breached">Those tasks (at most 20), newest first.</param>
public sealed record HandoverTasks(
    int Created, int Open, int Acknowledged, int Resolved, int SlaBreaches, IReadOnlyList<HandoverTask> Breached);

/// <summary>A task that breached its SLA.</summary>
/// <param name="Id">The task id.</param>
/// <param name="Title">Its title (the alert's message).</param>
/// <param name="Severity">Its severity.</param>
/// <param name="Status">open, acknowledged or resolved.</param>
/// <param name="Assignee">Its assignee's id.</param>
/// <param name="Level">Its escalation level.</param>
public sealed record HandoverTask(string Id, string Title, string Severity, string Status, string? Assignee, int Level);

/// <summary>A KPI that moved against its baseline during the shift.</summary>
/// <param name="Kpi">The KPI.</param>
/// <param name="Slice">The slice.</param>
/// <param name="Windows">How many evaluated windows with a baseline the shift had.</param>
/// <param name="Value">The mean of the windows' values.</param>
/// <param name="Baseline">The mean of their baselines.</param>
/// <param name="ChangePercent">The change against the baseline in percent (above the baseline is positive).</param>
public sealed record HandoverKpi(string Kpi, string Slice, int Windows, double Value, double Baseline, double ChangePercent);

/// <summary>Source-generated JSON for handovers: camelCase, no nulls.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HandoverSummary))]
internal sealed partial class HandoverJsonContext : JsonSerializerContext;
