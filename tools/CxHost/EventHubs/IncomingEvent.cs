using System.Text.Json.Nodes;

namespace CxHost.EventHubs;

/// <summary>One event as a producer sent it to <c>POST /{hub}/messages</c>.</summary>
/// <param name="Body">The event body (text).</param>
/// <param name="PartitionKey">BrokerProperties.PartitionKey, or null.</param>
/// <param name="UserProperties">The application properties.</param>
public sealed record IncomingEvent(string Body, string? PartitionKey, JsonObject UserProperties);
