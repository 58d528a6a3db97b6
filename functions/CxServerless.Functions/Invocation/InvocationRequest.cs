using System.Text.Json;
using System.Text.Json.Nodes;

namespace CxServerless.Functions.Invocation;

/// <summary>One invocation from the Functions host: <c>POST /{FunctionName}</c> with <c>{"Data": {...}, "Metadata": {...}}</c>.</summary>
/// <param name="FunctionName">The function folder name the host invoked.</param>
/// <param name="InvocationId">The host's invocation id (header <c>X-Azure-Functions-InvocationId</c>), or empty.</param>
/// <param name="Data">Trigger and input binding values by binding name.</param>
/// <param name="Metadata">Trigger metadata (for example <c>PartitionContext</c>, <c>DequeueCount</c>, <c>sys</c>).</param>
public sealed record InvocationRequest(string FunctionName, string InvocationId, JsonObject Data, JsonObject Metadata)
{
    /// <summary>The largest envelope the handler reads; Event Hubs batches stay well below it.</summary>
    public const int MaxEnvelopeBytes = 64 * 1024 * 1024;

    /// <summary>Parses an envelope. Returns null and a reason when it is not a JSON object with an object <c>Data</c>.</summary>
    public static InvocationRequest? TryParse(string functionName, string invocationId, ReadOnlySpan<byte> body, out string? error)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException ex)
        {
            // The parser's message may quote the body; its position does not.
            error = $"The invocation body is not valid JSON (line {ex.LineNumber}, byte {ex.BytePositionInLine}).";
            return null;
        }

        if (root is not JsonObject envelope)
        {
            error = "The invocation body must be a JSON object with 'Data' and 'Metadata'.";
            return null;
        }

        var data = envelope["Data"];
        if (data is not JsonObject dataObject)
        {
            error = data is null ? "The invocation envelope has no 'Data' object." : "'Data' must be a JSON object.";
            return null;
        }

        var metadata = envelope["Metadata"];
        if (metadata is not null and not JsonObject)
        {
            error = "'Metadata' must be a JSON object when present.";
            return null;
        }

        error = null;
        envelope.Remove("Data");
        envelope.Remove("Metadata");
        return new InvocationRequest(functionName, invocationId, dataObject, (metadata as JsonObject) ?? []);
    }
}
