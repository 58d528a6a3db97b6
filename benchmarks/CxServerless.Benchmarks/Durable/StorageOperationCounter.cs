using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CxServerless.Benchmarks.Durable;

/// <summary>
/// Counts storage transactions by operation kind, as an HTTP pipeline policy on one service's clients. A kind names the
/// service, the operation and what it touches, e.g. <c>queue: put message (control)</c>, <c>table: batch</c>,
/// <c>table: merge (Instances)</c>, <c>blob: lease renew (leases)</c>. A receive that returns no message is its own kind
/// (<c>queue: get messages, empty (...)</c>): it is idle polling, not work (see <see cref="IsBackground"/>).
/// </summary>
internal sealed class StorageOperationCounter(string service) : HttpPipelinePolicy
{
    private static readonly ConcurrentDictionary<string, long> Counts = new(StringComparer.Ordinal);
    private static readonly string[] TaskHubTables = ["History", "Instances", "Partitions"];

    public static bool Enabled { get; set; }

    /// <summary>When set (diagnostic runs), every request slower than this is traced to stderr, counted or not.</summary>
    public static TimeSpan? TraceSlowerThan { get; set; }

    public static IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(Counts, StringComparer.Ordinal);

    public static void Reset() => Counts.Clear();

    /// <summary>
    /// Whether a kind is time-driven background rather than work: empty receives (queue polling) and the partition and
    /// app leases the framework renews and rebalances on a timer (its Partitions table, blobs in its lease containers).
    /// </summary>
    public static bool IsBackground(string kind) =>
        kind.Contains(", empty", StringComparison.Ordinal)
        || kind.EndsWith("(Partitions)", StringComparison.Ordinal)
        || (kind.StartsWith("blob:", StringComparison.Ordinal) && kind.Contains("lease", StringComparison.Ordinal));

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        ProcessNext(message, pipeline);
        Count(message, started);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        catch (Exception ex) when (TraceSlowerThan is not null && ex is not OutOfMemoryException)
        {
            var took = Stopwatch.GetElapsedTime(started).TotalSeconds;
            Console.Error.WriteLine($"{DateTimeOffset.Now:HH:mm:ss.fff} storage request failed after {took:0.0} s: " +
                                    $"{message.Request.Method} {message.Request.Uri.Path} ({ex.GetType().Name}: {ex.Message})");
            throw;
        }

        Count(message, started);
    }

    private void Count(HttpMessage message, long started)
    {
        if (Enabled)
        {
            Counts.AddOrUpdate(Kind(message), 1, (_, n) => n + 1);
        }

        if (TraceSlowerThan is { } slow && Stopwatch.GetElapsedTime(started) is var took && took > slow)
        {
            Console.Error.WriteLine($"{DateTimeOffset.Now:HH:mm:ss.fff} slow storage request, {took.TotalSeconds:0.0} s: {Kind(message)} " +
                                    $"-> {message.Response.Status}");
        }
    }

    private string Kind(HttpMessage message) => service switch
    {
        "queue" => QueueKind(message),
        "table" => TableKind(message),
        "blob" => BlobKind(message),
        _ => $"{service}: {message.Request.Method.Method.ToLowerInvariant()}",
    };

    private static string QueueKind(HttpMessage message)
    {
        var method = message.Request.Method.Method;
        var segments = message.Request.Uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var queue = segments.Length > 1 ? segments[1] : string.Empty;
        var target = queue.Contains("-control-", StringComparison.Ordinal) ? "control"
            : queue.EndsWith("-workitems", StringComparison.Ordinal) ? "workitems"
            : "other";
        var onMessages = segments.Length > 2 && segments[2] == "messages";
        var onOneMessage = segments.Length > 3;
        var operation = (method, onMessages, onOneMessage) switch
        {
            ("GET", true, false) when message.Request.Uri.Query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) =>
                "peek messages",
            ("GET", true, false) => message.Response.Content.ToString().Contains("<QueueMessage>", StringComparison.Ordinal)
                ? "get messages"
                : "get messages, empty",
            ("POST", true, false) => "put message",
            ("DELETE", true, true) => "delete message",
            ("PUT", true, true) => "update message",
            ("DELETE", true, false) => "clear messages",
            _ => $"{method.ToLowerInvariant()} queue",
        };
        return $"queue: {operation} ({target})";
    }

    private static string TableKind(HttpMessage message)
    {
        var method = message.Request.Method.Method;
        var segments = message.Request.Uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 1 ? segments[1] : string.Empty;
        if (resource == "$batch")
        {
            return "table: batch";
        }

        var paren = resource.IndexOf('(', StringComparison.Ordinal);
        var table = paren >= 0 ? resource[..paren] : resource;
        var onEntity = paren >= 0 && resource.Length > paren + 2;
        var target = table == "Tables" ? "tables"
            : TaskHubTables.FirstOrDefault(t => table.EndsWith(t, StringComparison.Ordinal)) ?? "other";
        var operation = (method, onEntity) switch
        {
            ("GET", true) => "point read",
            ("GET", false) => "query",
            ("POST", false) => "insert",
            ("PUT", true) => message.Request.Headers.Contains("If-Match") ? "replace" : "insert or replace",
            ("MERGE" or "PATCH", true) => message.Request.Headers.Contains("If-Match") ? "merge" : "insert or merge",
            ("DELETE", _) => "delete",
            _ => method.ToLowerInvariant(),
        };
        return $"table: {operation} ({target})";
    }

    private static string BlobKind(HttpMessage message)
    {
        var method = message.Request.Method.Method;
        var query = message.Request.Uri.Query;
        var segments = message.Request.Uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var container = segments.Length > 1 ? segments[1] : string.Empty;
        var dash = container.LastIndexOf('-');
        var target = dash >= 0 ? container[(dash + 1)..] : container;
        string operation;
        if (query.Contains("comp=lease", StringComparison.Ordinal))
        {
            operation = "lease " + (message.Request.Headers.TryGetValue("x-ms-lease-action", out var action) ? action : "?");
        }
        else if (query.Contains("comp=list", StringComparison.Ordinal))
        {
            operation = "list";
        }
        else if (query.Contains("restype=container", StringComparison.Ordinal))
        {
            operation = $"{method.ToLowerInvariant()} container";
        }
        else
        {
            operation = method switch
            {
                "GET" => "read",
                "HEAD" => "properties",
                "PUT" => "write",
                "DELETE" => "delete",
                _ => method.ToLowerInvariant(),
            };
        }

        return $"blob: {operation} ({target})";
    }
}
