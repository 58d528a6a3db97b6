namespace CxServerless.Functions.Retention;

/// <summary>One data class with a retention limit: its name in the API, its setting and how the sweep finds expired rows.</summary>
/// <param name="Name">The class name used in run counts and the API (<c>rawEvents</c>, <c>audit</c>, ...).</param>
/// <param name="Setting">The app setting of its limit in days (<c>Retention__RawEventsDays</c>, ...).</param>
/// <param name="Days">Reads the limit from the options.</param>
/// <param name="Walk">How expired rows are found (a partition-key range, or a filtered scan and why).</param>
public sealed record RetentionClass(string Name, string Setting, Func<RetentionOptions, int> Days, string Walk);

/// <summary>Every data class with a retention limit, in the order of the README's retention table.</summary>
public static class RetentionClasses
{
    /// <summary>Stored events.</summary>
    public static RetentionClass RawEvents { get; } = new(
        "rawEvents", "Retention__RawEventsDays", o => o.RawEventsDays, "PartitionKey range: hours before the cutoff hour");

    /// <summary>The customer index of stored events: it follows the raw events' limit (no setting of its own).</summary>
    public static RetentionClass CustomerIndex { get; } = new(
        "customerIndex", "Retention__RawEventsDays", o => o.RawEventsDays,
        "PartitionKey range: days before the cutoff day; rows of a customer under a legal hold stay");

    /// <summary>Quarantined events.</summary>
    public static RetentionClass Quarantine { get; } = new(
        "quarantine", "Retention__QuarantineDays", o => o.QuarantineDays, "PartitionKey range: days before the cutoff day");

    /// <summary>The late-event list.</summary>
    public static RetentionClass LateEvents { get; } = new(
        "lateEvents", "Retention__LateEventsDays", o => o.LateEventsDays, "filtered scan of partition 'late' on ArrivedAt");

    /// <summary>Per-minute KPI buckets.</summary>
    public static RetentionClass MetricBuckets { get; } = new(
        "metricBuckets", "Retention__MetricBucketsDays", o => o.MetricBucketsDays, "PartitionKey range: minutes before the cutoff");

    /// <summary>One sentiment score per scored event.</summary>
    public static RetentionClass SentimentScores { get; } = new(
        "sentimentScores", "Retention__SentimentScoresDays", o => o.SentimentScoresDays, "PartitionKey range: minutes before the cutoff");

    /// <summary>First-contact-resolution state: customers' contact starts and contacts due to settle.</summary>
    public static RetentionClass FirstContacts { get; } = new(
        "firstContacts", "Retention__FirstContactsDays", o => o.FirstContactsDays,
        "PartitionKey range: start weeks (s{week}) and due minutes (d{minute}) before the cutoff");

    /// <summary>Resolved alerts.</summary>
    public static RetentionClass Alerts { get; } = new(
        "alerts", "Retention__AlertsDays", o => o.AlertsDays, "filtered scan of partitions 'alert' and 'manual' on ResolvedAt");

    /// <summary>Baseline points.</summary>
    public static RetentionClass Baselines { get; } = new(
        "baselines", "Retention__BaselinesDays", o => o.BaselinesDays, "filtered scan on RowKey (window end minute)");

    /// <summary>Closed tasks with their timelines.</summary>
    public static RetentionClass Tasks { get; } = new(
        "tasks", "Retention__TasksDays", o => o.TasksDays, "filtered scan of partition 'task' on Status and ClosedAt");

    /// <summary>Notifications.</summary>
    public static RetentionClass Notifications { get; } = new(
        "notifications", "Retention__NotificationsDays", o => o.NotificationsDays, "filtered scan on At");

    /// <summary>False alarms flagged on tasks.</summary>
    public static RetentionClass FalseAlarms { get; } = new(
        "falseAlarms", "Retention__FalseAlarmsDays", o => o.FalseAlarmsDays, "filtered scan of partition 'falseAlarm' on At");

    /// <summary>Shift-handover summaries.</summary>
    public static RetentionClass Handovers { get; } = new(
        "handovers", "Retention__HandoversDays", o => o.HandoversDays, "filtered scan on At (partitions are teams)");

    /// <summary>Closed feedback loops, their head rows and attached items.</summary>
    public static RetentionClass FeedbackLoops { get; } = new(
        "feedbackLoops", "Retention__FeedbackLoopsDays", o => o.FeedbackLoopsDays, "filtered scan on OpenedAt and At");

    /// <summary>The feedback loops' anonymous reporting rows: they follow the loops' limit (no setting of their own).</summary>
    public static RetentionClass FeedbackReport { get; } = new(
        "feedbackReport", "Retention__FeedbackLoopsDays", o => o.FeedbackLoopsDays,
        "PartitionKey range: opening days before the cutoff day");

    /// <summary>Interventions (sent and suppressed), the live state rows the rules read and the cap counters.</summary>
    public static RetentionClass Interventions { get; } = new(
        "interventions", "Retention__InterventionsDays", o => o.InterventionsDays, "filtered scan on At");

    /// <summary>The audit trail.</summary>
    public static RetentionClass Audit { get; } = new(
        "audit", "Retention__AuditDays", o => o.AuditDays, "PartitionKey range: days before the cutoff day");

    /// <summary>Finished erasure requests with their receipts.</summary>
    public static RetentionClass ErasureReceipts { get; } = new(
        "erasureReceipts", "Retention__ErasureReceiptsDays", o => o.ErasureReceiptsDays,
        "filtered scan of partition 'erasure' on CompletedAt (requests still running are never due)");

    /// <summary>Finished workflow instances (swept by <c>PurgeWorkflowHistory</c>, not by <c>RetentionSweep</c>).</summary>
    public static RetentionClass WorkflowHistory { get; } = new(
        "workflowHistory", "Retention__WorkflowHistoryDays", o => o.WorkflowHistoryDays,
        "instance query by status and creation time, then LastUpdatedAt");

    /// <summary>Every class.</summary>
    public static IReadOnlyList<RetentionClass> All { get; } =
    [
        RawEvents, CustomerIndex, Quarantine, LateEvents, MetricBuckets, SentimentScores, FirstContacts, Alerts, Baselines, Tasks,
        Notifications, FalseAlarms, Handovers,
        FeedbackLoops, FeedbackReport, Interventions, Audit,
        ErasureReceipts, WorkflowHistory,
    ];
}
