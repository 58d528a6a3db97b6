using System.Text.Json;
using System.Text.Json.Nodes;

namespace CxServerless.Functions.Invocation;

/// <summary>
/// An HTTP trigger invocation without request forwarding: <c>Data.req</c> = <c>{Url, Method, Query, Headers (name → array),
/// Params, Identities, Body}</c>.
/// </summary>
public sealed record HttpTriggerRequest(
    string Url,
    string Method,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string[]> Headers,
    IReadOnlyDictionary<string, string> Params,
    string? Body)
{
    /// <summary>Reads the request bound to <paramref name="bindingName"/> (usually <c>req</c>), in either encoding.</summary>
    public static HttpTriggerRequest? TryRead(InvocationRequest request, string bindingName, out string? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        var req = EncodedJson.ReadObject(request.Data[bindingName]);
        if (req is null)
        {
            error = $"Data.{bindingName} is not an HTTP request object.";
            return null;
        }

        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (EncodedJson.ReadObject(req["Headers"]) is { } headerObject)
        {
            foreach (var (name, value) in headerObject)
            {
                headers[name] = EncodedJson.ReadArray(value) is { } values
                    ? [.. values.Select(v => EncodedJson.ReadString(v) ?? v?.ToJsonString() ?? string.Empty)]
                    : [EncodedJson.ReadString(value) ?? value?.ToJsonString() ?? string.Empty];
            }
        }

        var bodyNode = req["Body"];
        string? body = bodyNode?.GetValueKind() switch
        {
            null or JsonValueKind.Null => null,
            JsonValueKind.String => bodyNode.GetValue<string>(),
            _ => bodyNode.ToJsonString(),
        };

        error = null;
        return new HttpTriggerRequest(
            EncodedJson.ReadString(req["Url"]) ?? string.Empty,
            (EncodedJson.ReadString(req["Method"]) ?? "GET").ToUpperInvariant(),
            ReadStringMap(req["Query"]),
            headers,
            ReadStringMap(req["Params"]),
            body);
    }

    /// <summary>The first value of a header, or null.</summary>
    public string? Header(string name) =>
        Headers.TryGetValue(name, out var values) && values.Length > 0 ? values[0] : null;

    private static Dictionary<string, string> ReadStringMap(JsonNode? node)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (EncodedJson.ReadObject(node) is { } obj)
        {
            foreach (var (name, value) in obj)
            {
                map[name] = EncodedJson.ReadString(value) ?? value?.ToJsonString() ?? string.Empty;
            }
        }

        return map;
    }
}
