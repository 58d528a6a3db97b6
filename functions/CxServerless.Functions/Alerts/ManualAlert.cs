using Azure.Data.Tables;
using CxServerless.Domain.Analytics.Alerts;

namespace CxServerless.Functions.Alerts;

/// <summary>
/// An alert a supervisor or operator declared (<c>POST /api/alerts</c>): stored in the Alerts table under partition
/// <see cref="PartitionKey"/>, apart from detected alerts so the evaluator never continues, resolves or replays it, and
/// escalated like a detected one. No detector resolves it: its task's resolution or a false alarm does.
/// </summary>
/// <param name="Id">The alert id (<c>manual-{32 hex}</c>).</param>
/// <param name="Summary">What is wrong, masked of personal data.</param>
/// <param name="Severity">The chain severity it escalates under (<see cref="ManualSeverities"/>).</param>
/// <param name="RequestedSeverity">The severity as declared: low, medium, high or critical.</param>
/// <param name="Team">The owning team, when declared.</param>
/// <param name="Kpi">The KPI it concerns, when declared.</param>
/// <param name="Slice">The slice (<c>all</c>, <c>team=…</c>, <c>queue=…</c>).</param>
/// <param name="Status">Open or resolved.</param>
/// <param name="OpenedAt">When it was declared.</param>
/// <param name="OpenedBy">Who declared it (their user id).</param>
public sealed record ManualAlert(
    string Id, string Summary, AlertSeverity Severity, string RequestedSeverity, string? Team, string? Kpi, string Slice,
    AlertStatus Status, DateTimeOffset OpenedAt, string OpenedBy)
{
    /// <summary>The table partition of manual alerts.</summary>
    public const string PartitionKey = "manual";

    /// <summary>The source every manual alert carries.</summary>
    public const string Source = "manual";

    /// <summary>Gets when it was resolved.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Gets why it was resolved (<c>resolved: …</c> or <c>false alarm: …</c>).</summary>
    public string? Resolution { get; init; }

    /// <summary>Gets the row's version: 1 when declared, 2 once resolved.</summary>
    public int Version { get; init; } = 1;

    /// <summary>The row.</summary>
    /// <returns>The table entity.</returns>
    public TableEntity ToEntity() => new(PartitionKey, Id)
    {
        ["Summary"] = Summary,
        ["Severity"] = Severity.ToString(),
        ["RequestedSeverity"] = RequestedSeverity,
        ["Team"] = Team,
        ["Kpi"] = Kpi,
        ["Slice"] = Slice,
        ["Status"] = Status.ToString(),
        ["OpenedAt"] = OpenedAt,
        ["OpenedBy"] = OpenedBy,
        ["ResolvedAt"] = ResolvedAt,
        ["Resolution"] = Resolution,
        ["Version"] = Version,
    };

    /// <summary>Reads a row; null when it is not a manual alert this code understands.</summary>
    /// <param name="e">The table entity.</param>
    /// <returns>The alert, or null.</returns>
    public static ManualAlert? FromEntity(TableEntity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!Enum.TryParse<AlertSeverity>(e.GetString("Severity"), out var severity)
            || !Enum.TryParse<AlertStatus>(e.GetString("Status"), out var status))
        {
            return null;
        }

        return new ManualAlert(
            e.RowKey, e.GetString("Summary") ?? string.Empty, severity, e.GetString("RequestedSeverity") ?? string.Empty,
            e.GetString("Team"), e.GetString("Kpi"), e.GetString("Slice") ?? "all", status,
            e.GetDateTimeOffset("OpenedAt") ?? default, e.GetString("OpenedBy") ?? string.Empty)
        {
            ResolvedAt = e.GetDateTimeOffset("ResolvedAt"),
            Resolution = e.GetString("Resolution"),
            Version = e.GetInt32("Version") ?? 1,
        };
    }

    /// <summary>The alert as the API shows it.</summary>
    /// <returns>The view.</returns>
    public ManualAlertView ToView() => new(
        Id, Source, Kpi, Slice, Status.ToString(), Severity.ToString(), RequestedSeverity, Summary, OpenedAt, ResolvedAt ?? OpenedAt,
        ResolvedAt, Resolution, OpenedBy, new ManualAlertRoute(Team, "manual"));
}
