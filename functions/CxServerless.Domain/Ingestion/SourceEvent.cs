using CxServerless.Domain.Events;

namespace CxServerless.Domain.Ingestion;

/// <summary>
/// What a source adapter reads from a vendor payload, before normalisation and de-identification: identifiers are still
/// the source's own and text is still clear. It never leaves the pipeline.
/// </summary>
public sealed record SourceEvent
{
    /// <summary>The producer's event id, or null when the payload has none (the pipeline then uses partition and sequence).</summary>
    public string? EventId { get; init; }

    /// <summary>What happened.</summary>
    public required CxEventType Type { get; init; }

    /// <summary>When it happened at the source.</summary>
    public required DateTimeOffset EventTime { get; init; }

    /// <summary>
    /// True when the payload carries no time of its own (Contact Lens segments): the pipeline then takes the ingest time
    /// (the enqueued time), and <see cref="EventTime"/> is ignored.
    /// </summary>
    public bool EventTimeIsIngestTime { get; init; }

    /// <summary>The conversation, contact or case id.</summary>
    public required string ConversationId { get; init; }

    /// <summary>The channel, or null when the payload does not say (the <c>cx-channel</c> property may then declare it).</summary>
    public CxChannel? Channel { get; init; }

    /// <summary>The queue, when known.</summary>
    public string? Queue { get; init; }

    /// <summary>The team, when known.</summary>
    public string? Team { get; init; }

    /// <summary>The region, when known.</summary>
    public string? Region { get; init; }

    /// <summary>The agent's identifier at the source (pseudonymised by the pipeline).</summary>
    public string? AgentId { get; init; }

    /// <summary>Identifiers of the customer, most reliable first (pseudonymised by the pipeline).</summary>
    public IReadOnlyList<CustomerIdentifier> Customer { get; init; } = [];

    /// <summary>Durations and counts.</summary>
    public CxMeasures Measures { get; init; } = new();

    /// <summary>How the contact ended, when it did.</summary>
    public CxOutcome? Outcome { get; init; }

    /// <summary>The source's own reason code for the outcome (disconnect reason, disposition code, case status).</summary>
    public string? OutcomeReason { get; init; }

    /// <summary>Survey scores.</summary>
    public CxScores Scores { get; init; } = new();

    /// <summary>Free text, still clear (masked by the pipeline).</summary>
    public string? Text { get; init; }
}
