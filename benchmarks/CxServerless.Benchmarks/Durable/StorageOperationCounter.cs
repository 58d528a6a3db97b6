using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CxServerless.Benchmarks.Durable;

/// <summary>Counts storage transactions by operation kind, as an HTTP pipeline policy on one service's clients.</summary>
internal sealed class StorageOperationCounter(string service) : HttpPipelinePolicy
{
    private static readonly ConcurrentDictionary<string, long> Counts = new(StringComparer.Ordinal);

    public static bool Enabled { get; set; }

    public static IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(Counts, StringComparer.Ordinal);

    public static void Reset() => Counts.Clear();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Count(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Count(message);
    }

    private void Count(HttpMessage message)
    {
        if (Enabled)
        {
            Counts.AddOrUpdate(Kind(message), 1, (_, n) => n + 1);
        }
    }

    private string Kind(HttpMessage message)
    {
        var method = message.Request.Method.Method;
        var path = message.Request.Uri.Path;
        return service switch
        {
            "queue" when method == "GET" && path.EndsWith("/messages", StringComparison.Ordinal) =>
                message.Response.Content.ToString().Contains("<QueueMessage>", StringComparison.Ordinal) ? "queue receive" : "queue receive (empty poll)",
            "queue" when method == "POST" => "queue send",
            "queue" when method == "DELETE" && path.Contains("/messages/", StringComparison.Ordinal) => "queue delete",
            "table" when path.EndsWith("$batch", StringComparison.Ordinal) => "table transaction",
            "table" when method == "GET" => "table query",
            "table" when method is "PUT" or "MERGE" or "PATCH" => "table upsert",
            _ => $"{service} {method.ToLowerInvariant()}",
        };
    }
}
