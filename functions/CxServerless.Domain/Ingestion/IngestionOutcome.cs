using CxServerless.Domain.Events;

namespace CxServerless.Domain.Ingestion;

/// <summary>
/// What the pipeline made of one <see cref="RawEvent"/>: a de-identified <see cref="CxEvent"/> ready to store, or a
/// rejection with the masked payload for quarantine. Nothing in it holds personal data in the clear.
/// </summary>
public sealed record IngestionOutcome
{
    /// <summary>The source system (<c>unknown</c> when no adapter was chosen).</summary>
    public required string SourceSystem { get; init; }

    /// <summary>The origin of the delivery, <c>{partition}:{sequence}</c>.</summary>
    public required string Origin { get; init; }

    /// <summary>The event to store, when accepted.</summary>
    public CxEvent? Event { get; init; }

    /// <summary>
    /// The de-duplication key, when accepted: a keyed hash of the source-scoped producer event id, or of the delivery's
    /// partition and sequence number when the producer gives no id. Safe to use as a table key.
    /// </summary>
    public string? DedupeKey { get; init; }

    /// <summary>Why the event was rejected, when it was.</summary>
    public Rejection? Rejection { get; init; }

    /// <summary>The body with personal data masked, kept for quarantine rows.</summary>
    public string? MaskedPayload { get; init; }

    /// <summary>Ingest time minus event time, in seconds, when accepted.</summary>
    public double? SkewSeconds { get; init; }

    /// <summary>True when an accepted event arrived later than <see cref="IngestionLimits.LateAfter"/>.</summary>
    public bool IsLate { get; init; }

    /// <summary>True when the event was accepted.</summary>
    public bool IsAccepted => Event is not null;
}
