using System.ComponentModel.DataAnnotations;

namespace CxServerless.Functions.Retention;

/// <summary>
/// How long each data class is kept, in days (section <c>Retention</c>: <c>Retention__RawEventsDays</c> and so on), and
/// where the retention bookkeeping lives. The defaults and their reasons are in the README's "Retention" table.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Retention";

    /// <summary>The longest limit any class may have: ten years.</summary>
    public const int MaxDays = 3650;

    /// <summary>Stored events (CxEvents), by event time.</summary>
    [Range(1, MaxDays, ErrorMessage = "Setting 'Retention__RawEventsDays' must be 1 to 3650 days.")]
    public int RawEventsDays { get; set; } = 30;

    /// <summary>Quarantined payloads, by ingest day.</summary>
    [Range(1, MaxDays, ErrorMessage = "Setting 'Retention__QuarantineDays' must be 1 to 3650 days.")]
    public int QuarantineDays { get; set; } = 14;

    /// <summary>The late-event list, by arrival.</summary>
    [Range(1, MaxDays, ErrorMessage = "Setting 'Retention__LateEventsDays' must be 1 to 3650 days.")]
    public int LateEventsDays { get; set; } = 30;

    /// <summary>Per-minute KPI buckets, by event minute.</summary>
    [Range(1, MaxDays, ErrorMessage = "Setting 'Retention__MetricBucketsDays' must be 1 to 3650 days.")]
    public int MetricBucketsDays { get; set; } = 90;

    /// <summary>Stored sentiment scores, by event minute (longer than the drift check's 30 trailing days).</summary>
    [Range(1, MaxDays, ErrorMessage = "Setting 'Retention__SentimentScoresDays' must be 1 to 3650 days.")]
    public int SentimentScoresDays { get; set; } = 35;

    /// <summary>
    /// First-contact-resolution state (customers' contact starts, by week; contacts due to settle, by due minute). Keep it
    /// longer than the FCR window (7 days by default): a start is needed until every contact that ended a window before it
    /// has settled.
    /// </summary>
    [Range(1, MaxDays, ErrorMessage = "Setting 'Retention__FirstContactsDays' must be 1 to 3650 days.")]
    public int FirstContactsDays { get; set; } = 10;

    /// <summary>Resolved alerts, by resolution time; open alerts are never deleted.</summary>
    [Range(1, MaxDays, ErrorMessage = "Setting 'Retention__AlertsDays' must be 1 to 3650 days.")]
    public int AlertsDays { get; set; } = 365;

    /// <summary>Baseline points for charts, by window end.</summary>
    [Range(1, MaxDays, ErrorMessage = "Setting 'Retention__BaselinesDays' must be 1 to 3650 days.")]
    public int BaselinesDays { get; set; } = 90;

    /// <summary>Closed tasks and their timelines, by closing time; open tasks are never deleted.</summary>
    [Range(1, MaxDays, ErrorMessage = "Setting 'Retention__TasksDays' must be 1 to 3650 days.")]
    public int TasksDays { get; set; } = 365;

    /// <summary>Notifications, by when they were made.</summary>
    [Range(1, MaxDays, ErrorMessage = "Setting 'Retention__NotificationsDays' must be 1 to 3650 days.")]
    public int NotificationsDays { get; set; } = 90;

    /// <summary>False alarms people flagged, by when they flagged them (recalibration reads the last 4 weeks).</summary>
    [Range(1, MaxDays, ErrorMessage = "Setting 'Retention__FalseAlarmsDays' must be 1 to 3650 days.")]
    public int FalseAlarmsDays { get; set; } = 365;

    /// <summary>Shift-handover summaries, by their boundary.</summary>
    [Range(1, MaxDays, ErrorMessage = "Setting 'Retention__HandoversDays' must be 1 to 3650 days.")]
    public int HandoversDays { get; set; } = 90;

    /// <summary>Closed feedback loops; applies once the feedback workflow stores them.</summary>
    [Range(1, MaxDays, ErrorMessage = "Setting 'Retention__FeedbackLoopsDays' must be 1 to 3650 days.")]
    public int FeedbackLoopsDays { get; set; } = 180;

    /// <summary>Interventions, their live state rows and cap counters.</summary>
    [Range(1, MaxDays, ErrorMessage = "Setting 'Retention__InterventionsDays' must be 1 to 3650 days.")]
    public int InterventionsDays { get; set; } = 90;

    /// <summary>The audit trail, by UTC day.</summary>
    [Range(1, MaxDays, ErrorMessage = "Setting 'Retention__AuditDays' must be 1 to 3650 days.")]
    public int AuditDays { get; set; } = 730;

    /// <summary>Finished erasure requests with their receipts, by completion time.</summary>
    [Range(1, MaxDays, ErrorMessage = "Setting 'Retention__ErasureReceiptsDays' must be 1 to 3650 days.")]
    public int ErasureReceiptsDays { get; set; } = 2190;

    /// <summary>Finished (completed, failed, terminated) workflow instances, by their last update.</summary>
    [Range(1, MaxDays, ErrorMessage = "Setting 'Retention__WorkflowHistoryDays' must be 1 to 3650 days.")]
    public int WorkflowHistoryDays { get; set; } = 30;

    /// <summary>Setting <c>CxLegalHoldsTable</c>: the table of legal holds.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Setting 'CxLegalHoldsTable' must be a valid table name.")]
    public string LegalHoldsTable { get; set; } = "LegalHolds";

    /// <summary>Setting <c>CxRetentionRunsTable</c>: the table of run counts.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Setting 'CxRetentionRunsTable' must be a valid table name.")]
    public string RetentionRunsTable { get; set; } = "RetentionRuns";
}
