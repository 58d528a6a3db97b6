using CxServerless.Domain.Events;
using CxSim.Faults;

namespace CxSim.Generation;

/// <summary>One event as cx-sim sends it: the wire body plus what the simulator knows about it (for counting and tests).</summary>
/// <param name="Sequence">Position in the generated stream, from 0.</param>
/// <param name="EventTime">The event time (for malformed events, the time of the good event they were derived from).</param>
/// <param name="PartitionKey">The Event Hubs partition key: the conversation id.</param>
/// <param name="Channel">The channel of the conversation.</param>
/// <param name="Body">The body sent to Event Hubs.</param>
/// <param name="Format">The body's format, sent as the <c>Format</c> user property.</param>
/// <param name="Event">The canonical event the body encodes; null for malformed events.</param>
/// <param name="Malformed">How the body is broken, or null when it is well formed.</param>
/// <param name="Pii">The personal data planted in the event's text.</param>
public sealed record SimulatedEvent(
    long Sequence,
    DateTimeOffset EventTime,
    string PartitionKey,
    CxChannel Channel,
    string Body,
    string Format,
    CxEvent? Event,
    MalformedKind? Malformed,
    PiiKinds Pii)
{
    /// <summary>Whether the body is deliberately broken.</summary>
    public bool IsMalformed => Malformed is not null;
}
