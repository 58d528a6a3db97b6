namespace CxSim.Sending;

/// <summary>
/// The parts of an Event Hubs connection string that the REST send API needs:
/// <c>Endpoint=sb://{namespace}/;SharedAccessKeyName=…;SharedAccessKey=…[;EntityPath=…][;UseDevelopmentEmulator=true]</c>.
/// </summary>
/// <param name="Endpoint">
/// The HTTP(S) base address: <c>sb://</c> becomes <c>https://</c>, or <c>http://</c> for loopback hosts and the emulator.
/// </param>
/// <param name="EntityPath">The event hub named in the connection string, if any.</param>
/// <param name="KeyName">The shared access policy name.</param>
/// <param name="Key">The shared access key.</param>
/// <param name="SbEndpoint">The endpoint as written, when it is an <c>sb://</c> address (the form the SDK path takes).</param>
/// <param name="DevelopmentEmulator">Whether the connection string says <c>UseDevelopmentEmulator=true</c>.</param>
public sealed record EventHubConnection(
    Uri Endpoint, string? EntityPath, string KeyName, string Key, Uri? SbEndpoint = null, bool DevelopmentEmulator = false)
{
    /// <summary>The local development connection (cx-host on 127.0.0.1:7071), as in <c>local.settings.sample.json</c>.</summary>
    public const string LocalDevelopment = "Endpoint=sb://127.0.0.1:7071/;SharedAccessKeyName=local;SharedAccessKey=local-development-only";

    /// <summary>
    /// Whether the connection string names an Event Hubs namespace in Azure: an <c>sb://</c> endpoint that is neither a
    /// loopback address (cx-host) nor the development emulator. cx-sim sends to such a namespace with the SDK.
    /// </summary>
    public bool IsServiceNamespace => SbEndpoint is { IsLoopback: false } && !DevelopmentEmulator;

    /// <summary>Parses a connection string; throws <see cref="FormatException"/> naming what is missing or wrong.</summary>
    public static EventHubConnection Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"The connection string has a part without 'name=value': '{segment.Split('=')[0]}…'.");
            }

            parts[segment[..eq]] = segment[(eq + 1)..];
        }

        var endpoint = Required(parts, "Endpoint");
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("sb" or "https" or "http"))
        {
            throw new FormatException($"The connection string's Endpoint '{endpoint}' is not an sb://, https:// or http:// address.");
        }

        var emulator = parts.TryGetValue("UseDevelopmentEmulator", out var e) && bool.TryParse(e, out var on) && on;
        return new EventHubConnection(
            ToHttp(uri, emulator),
            parts.TryGetValue("EntityPath", out var path) && path.Length > 0 ? path : null,
            Required(parts, "SharedAccessKeyName"),
            Required(parts, "SharedAccessKey"),
            uri.Scheme == "sb" ? uri : null,
            emulator);
    }

    private static Uri ToHttp(Uri uri, bool emulator)
    {
        if (uri.Scheme != "sb")
        {
            return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
        }

        var scheme = emulator || uri.IsLoopback ? "http" : "https";
        var port = uri.IsDefaultPort ? string.Empty : $":{uri.Port}";
        return new Uri($"{scheme}://{uri.Host}{port}/");
    }

    private static string Required(Dictionary<string, string> parts, string name) =>
        parts.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new FormatException($"The connection string has no {name}.");
}
