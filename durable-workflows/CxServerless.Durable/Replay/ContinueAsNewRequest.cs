using CxServerless.Durable.History;

namespace CxServerless.Durable.Replay;

/// <summary>A ContinueAsNew request: the new input and the unconsumed events to carry over.</summary>
internal sealed record ContinueAsNewRequest(string? Input, IReadOnlyList<HistoryEvent> CarriedEvents);
