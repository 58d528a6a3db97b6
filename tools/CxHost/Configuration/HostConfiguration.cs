using System.Globalization;
using System.Text.Json.Nodes;

namespace CxHost.Configuration;

/// <summary>The parts of <c>host.json</c> cx-host uses.</summary>
/// <param name="FunctionTimeout">host.json <c>functionTimeout</c> (default 5 minutes, the Consumption default).</param>
/// <param name="ExecutablePath">customHandler.description.defaultExecutablePath, relative to the app root.</param>
/// <param name="WorkingDirectory">customHandler.description.workingDirectory (empty = app root).</param>
/// <param name="Arguments">customHandler.description.arguments.</param>
/// <param name="RoutePrefix">extensions.http.routePrefix (default <c>api</c>).</param>
/// <param name="Queues">extensions.queues.</param>
/// <param name="EventHubs">extensions.eventHubs.</param>
public sealed record HostConfiguration(
    TimeSpan FunctionTimeout,
    string ExecutablePath,
    string WorkingDirectory,
    IReadOnlyList<string> Arguments,
    string RoutePrefix,
    QueueSettings Queues,
    EventHubSettings EventHubs)
{
    /// <summary>Parses host.json text.</summary>
    /// <exception cref="InvalidOperationException">The text is not valid or lacks a custom handler.</exception>
    public static HostConfiguration Parse(string json)
    {
        var root = JsonNode.Parse(
                json, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })
            as JsonObject
            ?? throw new InvalidOperationException("host.json is not a JSON object.");
        var description = root["customHandler"]?["description"] as JsonObject
            ?? throw new InvalidOperationException("host.json has no customHandler.description.");
        var executable = description["defaultExecutablePath"]?.GetValue<string>()
            ?? throw new InvalidOperationException("host.json has no customHandler.description.defaultExecutablePath.");
        var extensions = root["extensions"] as JsonObject;
        return new HostConfiguration(
            ReadTimeSpan(root["functionTimeout"], TimeSpan.FromMinutes(5)),
            executable,
            description["workingDirectory"]?.GetValue<string>() ?? string.Empty,
            (description["arguments"] as JsonArray)?.Select(a => a?.ToString() ?? string.Empty).ToList() ?? [],
            extensions?["http"]?["routePrefix"]?.GetValue<string>() ?? "api",
            QueueSettings.Parse(extensions?["queues"] as JsonObject),
            EventHubSettings.Parse(extensions?["eventHubs"] as JsonObject));
    }

    /// <summary>Reads a host.json time span (<c>hh:mm:ss</c>); <paramref name="fallback"/> when absent.</summary>
    internal static TimeSpan ReadTimeSpan(JsonNode? node, TimeSpan fallback, bool allowZero = false)
    {
        if (node is null)
        {
            return fallback;
        }

        var text = node.ToString();
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value)
            && (value > TimeSpan.Zero || (allowZero && value == TimeSpan.Zero))
            ? value
            : throw new InvalidOperationException($"'{text}' is not a {(allowZero ? "non-negative" : "positive")} time span (hh:mm:ss).");
    }

    /// <summary>Reads a host.json integer; <paramref name="fallback"/> when absent.</summary>
    internal static int ReadInt(JsonNode? node, int fallback) =>
        node is null ? fallback : int.Parse(node.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture);
}
