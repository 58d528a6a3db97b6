using Azure.Identity;
using Azure.Messaging.EventHubs.Producer;

namespace CxSim.Sending;

/// <summary>
/// Where the SDK path sends: an Event Hubs namespace and event hub, signed in with a connection string (SAS) or, without
/// one, with Entra ID through <see cref="DefaultAzureCredential"/> (<c>az login</c>, a managed identity, or the
/// <c>AZURE_CLIENT_ID</c>/<c>AZURE_TENANT_ID</c>/<c>AZURE_CLIENT_SECRET</c> environment variables).
/// </summary>
/// <param name="FullyQualifiedNamespace">E.g. <c>cx-prod.servicebus.windows.net</c>.</param>
/// <param name="HubName">The event hub.</param>
/// <param name="ConnectionString">The connection string, or null for Entra ID.</param>
public sealed record EventHubSdkTarget(string FullyQualifiedNamespace, string HubName, string? ConnectionString)
{
    /// <summary>What a bare namespace name is completed with (the public Azure cloud).</summary>
    public const string PublicCloudSuffix = ".servicebus.windows.net";

    /// <summary>How long one try of a send may take before it counts as failed (the REST path's HTTP timeout).</summary>
    public static readonly TimeSpan DefaultTryTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The hub's address, for the header and the summary.</summary>
    public string Address => $"sb://{FullyQualifiedNamespace}/{HubName}";

    /// <summary>
    /// The fully qualified name of <paramref name="nameOrAddress"/>: a bare name gets <see cref="PublicCloudSuffix"/>; a
    /// name with dots, or an <c>sb://</c>/<c>https://</c> address, is kept as it is. Null when it is not a host name.
    /// </summary>
    public static string? QualifyNamespace(string nameOrAddress)
    {
        ArgumentNullException.ThrowIfNull(nameOrAddress);
        var host = nameOrAddress.Contains("://", StringComparison.Ordinal)
            ? Uri.TryCreate(nameOrAddress, UriKind.Absolute, out var uri) && uri.Scheme is "sb" or "https" ? uri.Host : null
            : nameOrAddress.TrimEnd('/');
        if (host is null || Uri.CheckHostName(host) != UriHostNameType.Dns)
        {
            return null;
        }

        return host.Contains('.', StringComparison.Ordinal) ? host.ToLowerInvariant() : host.ToLowerInvariant() + PublicCloudSuffix;
    }

    /// <summary>A producer client for this target, with cx-sim's options (<see cref="EventHubSdkSender.ClientOptions"/>).</summary>
    public EventHubProducerClient CreateClient(TimeSpan tryTimeout)
    {
        var options = EventHubSdkSender.ClientOptions(tryTimeout);
        return ConnectionString is null
            ? new EventHubProducerClient(FullyQualifiedNamespace, HubName, new DefaultAzureCredential(), options)
            : new EventHubProducerClient(ConnectionString, HubName, options);
    }

    /// <summary>The target without its key, for logs.</summary>
    public override string ToString() => $"{Address} ({(ConnectionString is null ? "Entra ID" : "connection string")})";
}
