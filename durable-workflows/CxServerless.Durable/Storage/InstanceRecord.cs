using Azure;
using CxServerless.Durable.History;

namespace CxServerless.Durable.Storage;

/// <summary>An instance as loaded for an episode: its state row, the ETag that guards it, and its current history.</summary>
/// <param name="State">The state row.</param>
/// <param name="ETag">The state row's ETag; the episode's commit is conditional on it.</param>
/// <param name="Events">The committed events of the current generation, in order.</param>
/// <param name="StaleRowKeys">Rows of older generations, left by ContinueAsNew, to delete after the next commit.</param>
internal sealed record InstanceRecord(InstanceState State, ETag ETag, IReadOnlyList<HistoryEvent> Events, IReadOnlyList<string> StaleRowKeys);
