using CxServerless.Durable.History;
using CxServerless.Durable.Storage;

namespace CxServerless.Durable.Engine;

/// <summary>What one episode commits (events and state row) and then sends.</summary>
internal sealed record EpisodeCommit(InstanceState State, IReadOnlyList<HistoryEvent> Events, IReadOnlyList<Outgoing> Outgoing);
