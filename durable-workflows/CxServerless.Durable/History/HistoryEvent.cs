using CxServerless.Durable.Orchestration;

namespace CxServerless.Durable.History;

/// <summary>One recorded fact in an orchestration's history.</summary>
public sealed record HistoryEvent
{
    /// <summary>What happened.</summary>
    public required HistoryEventKind Kind { get; init; }

    /// <summary>The position in the current generation's history (0-based).</summary>
    public int Index { get; init; }

    /// <summary>The episode (1-based, counted over the instance's whole life) that recorded this event.</summary>
    public int Episode { get; init; }

    /// <summary>When the event was recorded.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The sequence number of the scheduled step this event belongs to (activities, timers, sub-orchestrations).</summary>
    public int? Seq { get; init; }

    /// <summary>The activity, orchestrator or event name.</summary>
    public string? Name { get; init; }

    /// <summary>The JSON payload: input, result or event data.</summary>
    public string? Payload { get; init; }

    /// <summary>When a timer fires.</summary>
    public DateTimeOffset? FireAt { get; init; }

    /// <summary>The id that de-duplicates an external event.</summary>
    public string? EventId { get; init; }

    /// <summary>The child instance id of a sub-orchestration.</summary>
    public string? ChildInstanceId { get; init; }

    /// <summary>The failure, for failed activities, children and orchestrations.</summary>
    public WorkflowFailure? Failure { get; init; }
}
