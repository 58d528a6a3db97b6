namespace CxSim.Sending;

/// <summary>
/// Where batches go and how they are signed: <c>POST {endpoint}/{hub}/messages</c> with a SAS for <c>{endpoint}/{hub}</c>.
/// </summary>
/// <param name="Resource">The event hub's address, which the SAS token is scoped to.</param>
/// <param name="MessagesUri">The send address.</param>
/// <param name="KeyName">The shared access policy name.</param>
/// <param name="Key">The shared access key.</param>
public sealed record EventHubTarget(Uri Resource, Uri MessagesUri, string KeyName, string Key)
{
    /// <summary>Builds the target from a connection, an optional endpoint that overrides the connection's, and the hub name.</summary>
    public static EventHubTarget Create(EventHubConnection connection, Uri? endpoint, string? hub)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var name = hub ?? connection.EntityPath
            ?? throw new ArgumentException("No event hub name: pass --hub or put EntityPath in the connection string.", nameof(hub));
        var root = (endpoint ?? connection.Endpoint).GetLeftPart(UriPartial.Authority);
        var resource = new Uri($"{root}/{Uri.EscapeDataString(name)}");
        var messages = new Uri($"{resource}/messages?timeout=60&api-version=2014-01");
        return new EventHubTarget(resource, messages, connection.KeyName, connection.Key);
    }

    /// <summary>The target without its key, for logs.</summary>
    public override string ToString() => $"{MessagesUri} (policy {KeyName})";
}
