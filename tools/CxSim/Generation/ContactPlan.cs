using CxServerless.Domain.Events;

namespace CxSim.Generation;

/// <summary>The attributes of one simulated contact, chosen when it arrives.</summary>
internal sealed record ContactPlan(
    long Number,
    string ConversationId,
    CxChannel Channel,
    QueueDefinition Queue,
    string Region,
    string CustomerKey,
    DateTimeOffset Arrival,
    double Level);
