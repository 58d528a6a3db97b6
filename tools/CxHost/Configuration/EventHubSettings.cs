using System.Text.Json.Nodes;

namespace CxHost.Configuration;

/// <summary>host.json <c>extensions.eventHubs</c>, with the Functions defaults.</summary>
/// <param name="MaxEventBatchSize">Most events per invocation (default 100).</param>
/// <param name="StartFromEnd">True when <c>initialOffsetOptions.type</c> is <c>fromEnd</c>; the default reads from the start.</param>
public sealed record EventHubSettings(int MaxEventBatchSize, bool StartFromEnd)
{
    /// <summary>Parses the section; null means all defaults.</summary>
    public static EventHubSettings Parse(JsonObject? section) =>
        new(
            Math.Max(
                1,
                HostConfiguration.ReadInt(section?["maxEventBatchSize"] ?? section?["eventProcessorOptions"]?["maxBatchSize"], 100)),
            string.Equals(section?["initialOffsetOptions"]?["type"]?.ToString(), "fromEnd", StringComparison.OrdinalIgnoreCase));
}
