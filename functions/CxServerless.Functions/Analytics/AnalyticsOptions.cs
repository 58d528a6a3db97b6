using System.ComponentModel.DataAnnotations;

namespace CxServerless.Functions.Analytics;

/// <summary>Where the analytics layer keeps its rows and how far back it reads (settings in HandlerSettings).</summary>
public sealed class AnalyticsOptions
{
    /// <summary>The table of per-minute KPI buckets, one row per event minute and source partition.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Setting 'CxMetricBucketsTable' must be a valid table name.")]
    public string MetricBucketsTable { get; set; } = "MetricBuckets";

    /// <summary>The table of alerts.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Setting 'CxAlertsTable' must be a valid table name.")]
    public string AlertsTable { get; set; } = "Alerts";

    /// <summary>The table of rules versions (drafts, the active version, retired and expired ones).</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Setting 'CxRulesVersionsTable' must be a valid table name.")]
    public string RulesVersionsTable { get; set; } = Rules.RulesVersionStore.TableName;

    /// <summary>The table of baseline points (the band the dashboard draws), per KPI, slice and window end.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Setting 'CxBaselinesTable' must be a valid table name.")]
    public string BaselinesTable { get; set; } = "Baselines";

    /// <summary>The table of events that arrived later than the allowed lateness.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Setting 'CxLateEventsTable' must be a valid table name.")]
    public string LateEventsTable { get; set; } = "LateEvents";

    /// <summary>The table of first-contact-resolution state: customers' starts and the handled contacts due to settle.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Setting 'CxFirstContactsTable' must be a valid table name.")]
    public string FirstContactsTable { get; set; } = "FirstContacts";

    /// <summary>The queue that receives one message per alert transition (opened, escalated, resolved).</summary>
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Setting 'CxAlertsQueue' must be a valid queue name.")]
    public string AlertsQueue { get; set; } = "alerts";

    /// <summary>How much event time the alert evaluator replays after a cold start, so detectors have history.</summary>
    [Range(typeof(TimeSpan), "00:15:00", "7.00:00:00", ErrorMessage = "Setting 'CxAlertWarmUp' must lie between 15 minutes and 7 days.")]
    public TimeSpan AlertWarmUp { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How much event time the read side keeps in memory for the dashboard and APIs.</summary>
    [Range(typeof(TimeSpan), "00:30:00", "7.00:00:00", ErrorMessage = "Setting 'CxKpiLookback' must lie between 30 minutes and 7 days.")]
    public TimeSpan KpiLookback { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The shortest time between two reads of storage by the KPI read side; requests in between share a snapshot.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "Setting 'CxKpiRefresh' must lie between 0 and 60 seconds.")]
    public TimeSpan KpiRefresh { get; set; } = TimeSpan.FromMilliseconds(500);
}
