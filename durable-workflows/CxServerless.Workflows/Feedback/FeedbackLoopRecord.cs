using Azure.Data.Tables;
using CxServerless.Domain.Feedback;

namespace CxServerless.Workflows.Feedback;

/// <summary>
/// One closed feedback loop: a row of the <c>FeedbackLoops</c> table (partition = the customer's pseudonym, row = the
/// loop id). Shaped for reporting: team, topic, SLA outcome, before and after scores and their deltas, the times to
/// acknowledge, resolve and close. Holds the pseudonym and facts, never personal data or text.
/// </summary>
/// <param name="CustomerKey">The customer's pseudonym.</param>
/// <param name="LoopId">The loop's id (also its orchestration instance id).</param>
/// <param name="EventId">The event that opened it.</param>
/// <param name="Reasons">Why it opened, comma-separated (<c>csat,nps,negativeText</c>).</param>
/// <param name="Topic">The topic.</param>
/// <param name="RulesVersion">The feedback rules version it ran under.</param>
/// <param name="Status">open, resolved, awaitingResponse or closed.</param>
/// <param name="OpenedAt">When it opened.</param>
public sealed record FeedbackLoopRecord(
    string CustomerKey, string LoopId, string EventId, string Reasons, string Topic, string RulesVersion, string Status,
    DateTimeOffset OpenedAt)
{
    /// <summary>Gets the follow-up task's id.</summary>
    public string? TaskId { get; init; }

    /// <summary>Gets the team that owns the task.</summary>
    public string? Team { get; init; }

    /// <summary>Gets how the loop ended: responded, noResponse or dismissed.</summary>
    public string? Outcome { get; init; }

    /// <summary>Gets when the task was acknowledged.</summary>
    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>Gets when the task was resolved (or otherwise closed).</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Gets when the follow-up survey request went out.</summary>
    public DateTimeOffset? FollowUpRequestedAt { get; init; }

    /// <summary>Gets when the loop closed.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Gets whether the task outlived an SLA (the escalation breached its last level).</summary>
    public bool SlaBreached { get; init; }

    /// <summary>Gets the scores that opened the loop.</summary>
    public FeedbackScores Before { get; init; } = new(null, null, null, null);

    /// <summary>Gets the follow-up response's scores, when it came.</summary>
    public FeedbackScores? After { get; init; }

    /// <summary>Gets the event id of the follow-up response.</summary>
    public string? FollowUpEventId { get; init; }

    /// <summary>Gets how many later feedback items the frequency cap attached to this loop.</summary>
    public int Attached { get; init; }

    /// <summary>Gets seconds from opening to acknowledgement.</summary>
    public double? AcknowledgeSeconds => Seconds(AcknowledgedAt);

    /// <summary>Gets seconds from opening to the task's resolution.</summary>
    public double? ResolveSeconds => Seconds(ResolvedAt);

    /// <summary>Gets seconds from opening to the loop's close.</summary>
    public double? CloseSeconds => Seconds(ClosedAt);

    /// <summary>
    /// Gets whether a detractor recovered: NPS 0–6 answered 7–10, or (without an NPS) CSAT 1–2 answered 3–5; null for no
    /// detractor or no answer on that scale (<see cref="FeedbackRecovery"/>).
    /// </summary>
    public bool? RecoveredDetractor => FeedbackRecovery.Recovered(Before.Csat, Before.Nps, After?.Csat, After?.Nps);

    /// <summary>Builds the table row.</summary>
    /// <returns>The entity.</returns>
    public TableEntity ToEntity()
    {
        var e = new TableEntity(CustomerKey, LoopId)
        {
            [nameof(EventId)] = EventId,
            [nameof(Reasons)] = Reasons,
            [nameof(Topic)] = Topic,
            [nameof(RulesVersion)] = RulesVersion,
            [nameof(Status)] = Status,
            [nameof(OpenedAt)] = OpenedAt,
            [nameof(TaskId)] = TaskId,
            [nameof(Team)] = Team,
            [nameof(Outcome)] = Outcome,
            [nameof(AcknowledgedAt)] = AcknowledgedAt,
            [nameof(ResolvedAt)] = ResolvedAt,
            [nameof(FollowUpRequestedAt)] = FollowUpRequestedAt,
            [nameof(ClosedAt)] = ClosedAt,
            [nameof(SlaBreached)] = SlaBreached,
            [nameof(FollowUpEventId)] = FollowUpEventId,
            [nameof(Attached)] = Attached,
            [nameof(AcknowledgeSeconds)] = AcknowledgeSeconds,
            [nameof(ResolveSeconds)] = ResolveSeconds,
            [nameof(CloseSeconds)] = CloseSeconds,
            [nameof(RecoveredDetractor)] = RecoveredDetractor,
            ["CsatDelta"] = Delta(Before.Csat, After?.Csat),
            ["NpsDelta"] = Delta(Before.Nps, After?.Nps),
            ["SentimentDelta"] = After?.Sentiment - Before.Sentiment,
        };
        Write(e, "Before", Before);
        Write(e, "After", After);
        return e;
    }

    /// <summary>Reads a table row.</summary>
    /// <param name="e">The entity.</param>
    /// <returns>The record.</returns>
    public static FeedbackLoopRecord FromEntity(TableEntity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new FeedbackLoopRecord(
            e.PartitionKey, e.RowKey, e.GetString(nameof(EventId)) ?? string.Empty, e.GetString(nameof(Reasons)) ?? string.Empty,
            e.GetString(nameof(Topic)) ?? string.Empty, e.GetString(nameof(RulesVersion)) ?? string.Empty,
            e.GetString(nameof(Status)) ?? string.Empty, e.GetDateTimeOffset(nameof(OpenedAt)) ?? DateTimeOffset.MinValue)
        {
            TaskId = e.GetString(nameof(TaskId)),
            Team = e.GetString(nameof(Team)),
            Outcome = e.GetString(nameof(Outcome)),
            AcknowledgedAt = e.GetDateTimeOffset(nameof(AcknowledgedAt)),
            ResolvedAt = e.GetDateTimeOffset(nameof(ResolvedAt)),
            FollowUpRequestedAt = e.GetDateTimeOffset(nameof(FollowUpRequestedAt)),
            ClosedAt = e.GetDateTimeOffset(nameof(ClosedAt)),
            SlaBreached = e.GetBoolean(nameof(SlaBreached)) ?? false,
            FollowUpEventId = e.GetString(nameof(FollowUpEventId)),
            Attached = e.GetInt32(nameof(Attached)) ?? 0,
            Before = Read(e, "Before") ?? new(null, null, null, null),
            After = Read(e, "After"),
        };
    }

    private double? Seconds(DateTimeOffset? at) => at is { } t ? Math.Round((t - OpenedAt).TotalSeconds, 3) : null;

    private static int? Delta(int? before, int? after) => after - before;

    private static void Write(TableEntity e, string prefix, FeedbackScores? scores)
    {
        e[prefix + "Csat"] = scores?.Csat;
        e[prefix + "Nps"] = scores?.Nps;
        e[prefix + "Ces"] = scores?.Ces;
        e[prefix + "Sentiment"] = scores?.Sentiment;
    }

    private static FeedbackScores? Read(TableEntity e, string prefix)
    {
        var scores = new FeedbackScores(
            e.GetInt32(prefix + "Csat"), e.GetInt32(prefix + "Nps"), e.GetInt32(prefix + "Ces"), e.GetDouble(prefix + "Sentiment"));
        return scores == new FeedbackScores(null, null, null, null) ? null : scores;
    }
}
