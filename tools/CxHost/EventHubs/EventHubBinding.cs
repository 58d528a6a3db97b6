using System.Data.Common;
using CxHost.Configuration;

namespace CxHost.EventHubs;

/// <summary>What an <c>eventHubTrigger</c> binding reads: hub, consumer group, namespace, cardinality.</summary>
/// <param name="Hub">eventHubName (or path, or the connection's EntityPath).</param>
/// <param name="ConsumerGroup">consumerGroup, default <c>$Default</c>.</param>
/// <param name="FullyQualifiedNamespace">The host of the connection's Endpoint (or <c>__fullyQualifiedNamespace</c>).</param>
/// <param name="Many">True for <c>cardinality: many</c>; the function.json default is one.</param>
public sealed record EventHubBinding(string Hub, string ConsumerGroup, string FullyQualifiedNamespace, bool Many)
{
    /// <summary>Reads the binding of <paramref name="function"/>.</summary>
    public static EventHubBinding For(FunctionDefinition function, AppSettings settings)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(settings);
        var trigger = function.Trigger;
        var connectionName = trigger.Get("connection") ?? string.Empty;
        var connection = settings.Get(connectionName);
        string? entityPath = null, host = null;
        if (!string.IsNullOrWhiteSpace(connection))
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connection };
            entityPath = builder.TryGetValue("EntityPath", out var path) ? path?.ToString() : null;
            host = builder.TryGetValue("Endpoint", out var endpoint) && Uri.TryCreate(endpoint?.ToString(), UriKind.Absolute, out var uri)
                ? uri.Host
                : null;
        }

        host ??= settings.Get($"{connectionName}__fullyQualifiedNamespace") ?? "localhost";
        var hub = trigger.Get("eventHubName") ?? trigger.Get("path") ?? entityPath
            ?? throw new InvalidOperationException($"{function.Name}/function.json eventHubTrigger has no eventHubName.");
        return new EventHubBinding(
            hub,
            trigger.Get("consumerGroup") ?? "$Default",
            host,
            string.Equals(trigger.Get("cardinality"), "many", StringComparison.OrdinalIgnoreCase));
    }
}
