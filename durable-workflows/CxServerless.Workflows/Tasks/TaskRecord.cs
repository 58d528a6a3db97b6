using Azure.Data.Tables;

namespace CxServerless.Workflows.Tasks;

/// <summary>
/// A task for a person, as the inbox shows it: a row of the Tasks read model, written by the escalation workflow's
/// activities and by the task API. Holds employee ids and alert facts, never customer data.
/// </summary>
/// <param name="TaskId">The task's id (<c>task-{alertId}</c>).</param>
/// <param name="AlertId">The alert it is about.</param>
/// <param name="InstanceId">The escalation workflow's instance id.</param>
/// <param name="Title">The alert's message.</param>
/// <param name="Severity">The alert's severity.</param>
/// <param name="Kpi">The KPI, when there is one.</param>
/// <param name="Slice">The slice.</param>
/// <param name="Team">The owning team.</param>
/// <param name="Source">detected or manual.</param>
/// <param name="Status">open, acknowledged or resolved.</param>
/// <param name="CreatedAt">When the task was created.</param>
public sealed record TaskRecord(
    string TaskId, string AlertId, string InstanceId, string Title, string Severity, string? Kpi, string Slice, string Team, string Source,
    string Status, DateTimeOffset CreatedAt)
{
    /// <summary>The partition every task row lives in.</summary>
    public const string PartitionKey = "task";

    /// <summary>Gets the assignee's id.</summary>
    public string? Assignee { get; init; }

    /// <summary>Gets the assignee's display name.</summary>
    public string? AssigneeName { get; init; }

    /// <summary>Gets when the current assignee was given the task.</summary>
    public DateTimeOffset? AssignedAt { get; init; }

    /// <summary>Gets the escalation level (0 = first).</summary>
    public int Level { get; init; }

    /// <summary>Gets when the current SLA lapses.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Gets whether the task outlived its last level.</summary>
    public bool SlaBreached { get; init; }

    /// <summary>
    /// Gets how the task was closed: resolved, falseAlarm or alertResolved; a rules approval task closed by its workflow
    /// (timeout, or approval through the rules API) says expired or approved.
    /// </summary>
    public string? Closure { get; init; }

    /// <summary>Gets the resolution or reason given when it closed.</summary>
    public string? ClosureNote { get; init; }

    /// <summary>Gets who acknowledged it.</summary>
    public string? AcknowledgedBy { get; init; }

    /// <summary>Gets when it was acknowledged.</summary>
    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>Gets who closed it.</summary>
    public string? ClosedBy { get; init; }

    /// <summary>Gets when it was closed.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Gets the routing file's version that routed it.</summary>
    public string? RosterVersion { get; init; }

    /// <summary>Gets how many times it climbed to a next level.</summary>
    public int Escalations { get; init; }

    /// <summary>Gets whether it is closed.</summary>
    public bool IsClosed => Status == TaskStatuses.Resolved;

    /// <summary>The task closed as <paramref name="closure"/>; a closed task stays as it is (the first closure wins).</summary>
    /// <param name="closure">How it closed: <c>resolved</c>, <c>falseAlarm</c> or <c>alertResolved</c>.</param>
    /// <param name="note">What was done, or why.</param>
    /// <param name="by">Who closed it.</param>
    /// <param name="at">When.</param>
    /// <returns>The closed task: resolved, with no due time left.</returns>
    public TaskRecord ClosedAs(string closure, string? note, string by, DateTimeOffset at) => IsClosed ? this : this with
    {
        Status = TaskStatuses.Resolved,
        Closure = closure,
        ClosureNote = note,
        ClosedBy = by,
        ClosedAt = at,
        DueAt = null,
    };

    /// <summary>Writes the row.</summary>
    /// <returns>The table entity.</returns>
    public TableEntity ToEntity() => new(PartitionKey, TaskId)
    {
        [nameof(AlertId)] = AlertId,
        [nameof(InstanceId)] = InstanceId,
        [nameof(Title)] = Title,
        [nameof(Severity)] = Severity,
        [nameof(Kpi)] = Kpi,
        [nameof(Slice)] = Slice,
        [nameof(Team)] = Team,
        [nameof(Source)] = Source,
        [nameof(Status)] = Status,
        [nameof(CreatedAt)] = CreatedAt,
        [nameof(Assignee)] = Assignee,
        [nameof(AssigneeName)] = AssigneeName,
        [nameof(AssignedAt)] = AssignedAt,
        [nameof(Level)] = Level,
        [nameof(DueAt)] = DueAt,
        [nameof(SlaBreached)] = SlaBreached,
        [nameof(Closure)] = Closure,
        [nameof(ClosureNote)] = ClosureNote,
        [nameof(AcknowledgedBy)] = AcknowledgedBy,
        [nameof(AcknowledgedAt)] = AcknowledgedAt,
        [nameof(ClosedBy)] = ClosedBy,
        [nameof(ClosedAt)] = ClosedAt,
        [nameof(RosterVersion)] = RosterVersion,
        [nameof(Escalations)] = Escalations,
    };

    /// <summary>Reads a row.</summary>
    /// <param name="e">The table entity.</param>
    /// <returns>The task.</returns>
    public static TaskRecord FromEntity(TableEntity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new TaskRecord(
            e.RowKey, e.GetString(nameof(AlertId)) ?? string.Empty, e.GetString(nameof(InstanceId)) ?? string.Empty,
            e.GetString(nameof(Title)) ?? string.Empty, e.GetString(nameof(Severity)) ?? string.Empty, e.GetString(nameof(Kpi)),
            e.GetString(nameof(Slice)) ?? "all", e.GetString(nameof(Team)) ?? string.Empty, e.GetString(nameof(Source)) ?? "detected",
            e.GetString(nameof(Status)) ?? TaskStatuses.Open, e.GetDateTimeOffset(nameof(CreatedAt)) ?? DateTimeOffset.MinValue)
        {
            Assignee = e.GetString(nameof(Assignee)),
            AssigneeName = e.GetString(nameof(AssigneeName)),
            AssignedAt = e.GetDateTimeOffset(nameof(AssignedAt)),
            Level = e.GetInt32(nameof(Level)) ?? 0,
            DueAt = e.GetDateTimeOffset(nameof(DueAt)),
            SlaBreached = e.GetBoolean(nameof(SlaBreached)) ?? false,
            Closure = e.GetString(nameof(Closure)),
            ClosureNote = e.GetString(nameof(ClosureNote)),
            AcknowledgedBy = e.GetString(nameof(AcknowledgedBy)),
            AcknowledgedAt = e.GetDateTimeOffset(nameof(AcknowledgedAt)),
            ClosedBy = e.GetString(nameof(ClosedBy)),
            ClosedAt = e.GetDateTimeOffset(nameof(ClosedAt)),
            RosterVersion = e.GetString(nameof(RosterVersion)),
            Escalations = e.GetInt32(nameof(Escalations)) ?? 0,
        };
    }
}
