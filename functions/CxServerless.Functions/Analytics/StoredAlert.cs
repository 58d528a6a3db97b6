using System.Globalization;
using Azure.Data.Tables;
using CxServerless.Domain.Analytics.Alerts;

namespace CxServerless.Functions.Analytics;

/// <summary>An alert as stored in the Alerts table, with its write and notification versions.</summary>
/// <param name="Alert">The alert.</param>
/// <param name="Version">Raised by every stored change.</param>
/// <param name="NotifiedVersion">The version last announced on the alerts queue (the outbox mark).</param>
/// <param name="UpdatedAt">When the alert was last changed (the end of the window that changed it).</param>
public sealed record StoredAlert(Alert Alert, int Version, int NotifiedVersion, DateTimeOffset UpdatedAt)
{
    /// <summary>The table partition of every alert.</summary>
    public const string PartitionKey = "alert";

    /// <summary>Gets why the alert was resolved by a person (<c>false alarm: …</c>), when it was;
    /// null when it recovered by itself.</summary>
    public string? Resolution { get; init; }

    /// <summary>The row to store.</summary>
    public TableEntity ToEntity()
    {
        var a = Alert;
        return new TableEntity(PartitionKey, a.Id)
        {
            ["RulesVersion"] = a.RulesVersion,
            ["RuleId"] = a.RuleId,
            ["Kpi"] = a.Kpi.ToString(),
            ["Slice"] = a.Slice.ToString(),
            ["Status"] = a.Status.ToString(),
            ["Severity"] = a.Severity.ToString(),
            ["Detector"] = a.Detector,
            ["Direction"] = a.Direction.ToString(),
            ["Value"] = a.Value,
            ["OpeningValue"] = a.OpeningValue,
            ["PeakValue"] = a.PeakValue,
            ["Baseline"] = a.Baseline,
            ["Lower"] = a.Lower,
            ["Upper"] = a.Upper,
            ["WindowStart"] = a.WindowStart,
            ["WindowEnd"] = a.WindowEnd,
            ["OpenedAt"] = a.OpenedAt,
            ["ResolvedAt"] = a.ResolvedAt,
            ["BreachCount"] = a.BreachCount,
            ["RouteTeam"] = a.Route.Team,
            ["RouteSkill"] = a.Route.Skill,
            ["RouteIssueType"] = a.Route.IssueType,
            ["Message"] = a.Message,
            ["UpdatedAt"] = UpdatedAt,
            ["Version"] = Version,
            ["NotifiedVersion"] = NotifiedVersion,
            ["Resolution"] = Resolution,
            ["ParentId"] = a.ParentId,
        };
    }

    /// <summary>Reads a stored row; null when it is not an alert this code understands.</summary>
    public static StoredAlert? FromEntity(TableEntity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!Enum.TryParse<Domain.Analytics.Kpis.KpiId>(e.GetString("Kpi"), out var kpi)
            || !Domain.Analytics.Slices.Slice.TryParse(e.GetString("Slice"), out var slice)
            || !Enum.TryParse<AlertStatus>(e.GetString("Status"), out var status)
            || !Enum.TryParse<AlertSeverity>(e.GetString("Severity"), out var severity))
        {
            return null;
        }

        _ = Enum.TryParse<Domain.Analytics.Detection.BreachDirection>(e.GetString("Direction"), out var direction);
        var alert = new Alert
        {
            Id = e.RowKey,
            RulesVersion = e.GetString("RulesVersion") ?? string.Empty,
            RuleId = e.GetString("RuleId") ?? string.Empty,
            Kpi = kpi,
            Slice = slice,
            Status = status,
            Severity = severity,
            Detector = e.GetString("Detector") ?? string.Empty,
            Direction = direction,
            Value = e.GetDouble("Value") ?? 0,
            OpeningValue = e.GetDouble("OpeningValue"), // absent on rows stored before it was kept
            PeakValue = e.GetDouble("PeakValue") ?? 0,
            Baseline = e.GetDouble("Baseline"),
            Lower = e.GetDouble("Lower"),
            Upper = e.GetDouble("Upper"),
            WindowStart = e.GetDateTimeOffset("WindowStart") ?? default,
            WindowEnd = e.GetDateTimeOffset("WindowEnd") ?? default,
            OpenedAt = e.GetDateTimeOffset("OpenedAt") ?? default,
            ResolvedAt = e.GetDateTimeOffset("ResolvedAt"),
            BreachCount = e.GetInt32("BreachCount") ?? 0,
            Route = new RoutingHint(e.GetString("RouteTeam"), e.GetString("RouteSkill"), e.GetString("RouteIssueType")),
            Message = e.GetString("Message") ?? string.Empty,
            ParentId = e.GetString("ParentId"),
        };
        return new StoredAlert(
            alert, e.GetInt32("Version") ?? 1, e.GetInt32("NotifiedVersion") ?? 0, e.GetDateTimeOffset("UpdatedAt") ?? alert.WindowEnd)
        {
            Resolution = e.GetString("Resolution"),
        };
    }

    /// <summary>The alert as the HTTP API and the queue message show it.</summary>
    public DetectedAlertView ToView()
    {
        var a = Alert;
        return new DetectedAlertView(
            a.Id, "detected", a.RulesVersion, a.RuleId, a.Kpi.ToString(), a.Slice.ToString(), a.Status.ToString(),
            a.Severity.ToString(), a.Detector, a.Direction.ToString(), Round(a.Value), Round(a.OpeningValue),
            Round(a.PeakValue), Round(a.Baseline), Round(a.Lower), Round(a.Upper), a.WindowStart, a.WindowEnd, a.OpenedAt,
            UpdatedAt, a.ResolvedAt, Resolution, a.BreachCount, a.Message,
            new AlertRouteView(a.Route.Team, a.Route.Skill, a.Route.IssueType), a.ParentId);
    }

    /// <summary>A value rounded for display, or null.</summary>
    public static double? Round(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(v, 3) : null;

    /// <summary>The alert's version as text.</summary>
    public override string ToString() => $"{Alert.Id} v{Version.ToString(CultureInfo.InvariantCulture)} {Alert.Status}";
}
