using System.Text.Json.Nodes;

namespace CxHost.Configuration;

/// <summary>host.json <c>extensions.eventHubs</c>, with the Functions defaults.</summary>
/// <param name="MaxEventBatchSize">Most events per invocation (default 100).</param>
/// <param name="StartFromEnd">True when <c>initialOffsetOptions.type</c> is <c>fromEnd</c>; the default reads from the start.</param>
/// <param name="BatchCheckpointFrequency">
/// <c>batchCheckpointFrequency</c>: batches a partition delivers before it writes a checkpoint (default 1, every batch).
/// </param>
public sealed record EventHubSettings(int MaxEventBatchSize, bool StartFromEnd, int BatchCheckpointFrequency = 1)
{
    /// <summary>Parses the section; null means all defaults.</summary>
    public static EventHubSettings Parse(JsonObject? section) =>
        new(
            Math.Max(
                1,
                HostConfiguration.ReadInt(section?["maxEventBatchSize"] ?? section?["eventProcessorOptions"]?["maxBatchSize"], 100)),
            string.Equals(section?["initialOffsetOptions"]?["type"]?.ToString(), "fromEnd", StringComparison.OrdinalIgnoreCase),
            Math.Max(1, HostConfiguration.ReadInt(section?["batchCheckpointFrequency"], 1)));
}
