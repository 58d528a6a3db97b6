using System.Text.Json.Nodes;

namespace CxHost.Configuration;

/// <summary>host.json <c>extensions.queues</c>, with the Functions defaults.</summary>
/// <param name="MaxPollingInterval">Longest wait between polls of an empty queue (default 1 minute).</param>
/// <param name="VisibilityTimeout">How long a failed message stays invisible before its next attempt (default 0).</param>
/// <param name="BatchSize">Messages fetched per poll (default 16, at most 32).</param>
/// <param name="NewBatchThreshold">Fetch more when fewer than this many are in flight (default batchSize / 2).</param>
/// <param name="MaxDequeueCount">Attempts before a message goes to <c>&lt;queue&gt;-poison</c> (default 5).</param>
/// <param name="Base64">True when <c>messageEncoding</c> is <c>base64</c> (the default); false for <c>none</c>.</param>
public sealed record QueueSettings(
    TimeSpan MaxPollingInterval,
    TimeSpan VisibilityTimeout,
    int BatchSize,
    int NewBatchThreshold,
    int MaxDequeueCount,
    bool Base64)
{
    /// <summary>Parses the section; null means all defaults.</summary>
    public static QueueSettings Parse(JsonObject? section)
    {
        var batchSize = Math.Clamp(HostConfiguration.ReadInt(section?["batchSize"], 16), 1, 32);
        return new QueueSettings(
            HostConfiguration.ReadTimeSpan(section?["maxPollingInterval"], TimeSpan.FromMinutes(1)),
            HostConfiguration.ReadTimeSpan(section?["visibilityTimeout"], TimeSpan.Zero, allowZero: true),
            batchSize,
            Math.Max(0, HostConfiguration.ReadInt(section?["newBatchThreshold"], batchSize / 2)),
            Math.Max(1, HostConfiguration.ReadInt(section?["maxDequeueCount"], 5)),
            !string.Equals(section?["messageEncoding"]?.ToString(), "none", StringComparison.OrdinalIgnoreCase));
    }
}
