using System.Diagnostics.Metrics;
using CxServerless.Functions.Telemetry;

namespace CxServerless.Functions.Analytics;

/// <summary>The analytics metrics: events folded into KPIs by timeliness, and alert transitions.</summary>
public static class AnalyticsMetrics
{
    private static readonly Counter<long> Events = CxTelemetry.Meter.CreateCounter<long>(
        "cx.analytics.events",
        unit: "{event}",
        description: "Stored events seen by the KPI writer, by timeliness (in_order, late, too_late).");

    private static readonly Counter<long> Alerts = CxTelemetry.Meter.CreateCounter<long>(
        "cx.alerts", unit: "{transition}", description: "Alert transitions by kind (opened, updated, resolved) and severity.");

    private static readonly Counter<long> FirstContacts = CxTelemetry.Meter.CreateCounter<long>(
        "cx.analytics.first_contacts_settled",
        unit: "{contact}",
        description: "Handled contacts whose first-contact-resolution outcome was settled from storage.");

    /// <summary>Records settled first-contact outcomes.</summary>
    public static void RecordFirstContacts(int count) => FirstContacts.Add(count);

    /// <summary>Records one batch.</summary>
    public static void Record(int inOrder, int late, int tooLate)
    {
        Events.Add(inOrder, new KeyValuePair<string, object?>("timeliness", "in_order"));
        Events.Add(late, new KeyValuePair<string, object?>("timeliness", "late"));
        Events.Add(tooLate, new KeyValuePair<string, object?>("timeliness", "too_late"));
    }

    /// <summary>Records one alert transition.</summary>
    public static void RecordAlert(string kind, string severity) =>
        Alerts.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("severity", severity));
}
