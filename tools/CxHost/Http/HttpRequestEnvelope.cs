using System.Text.Json.Nodes;
using CxHost.Envelope;

namespace CxHost.Http;

/// <summary>
/// Builds an HTTP trigger invocation as the host does without request forwarding (<c>GetRequestAsJObject</c>):
/// <c>Data.{name}</c> = <c>{Url, Method, Query, Headers (name → array), Params, Identities, Body}</c>; Metadata holds the
/// route values, <c>Query</c>, <c>Headers</c> and <c>sys</c>.
/// </summary>
public static class HttpRequestEnvelope
{
    /// <summary>The <c>Data.req</c> object.</summary>
    public static JsonObject Request(
        string url,
        string method,
        IEnumerable<KeyValuePair<string, string>> query,
        IEnumerable<KeyValuePair<string, string[]>> headers,
        IReadOnlyDictionary<string, string> routeValues,
        string? body)
    {
        var req = new JsonObject
        {
            ["Url"] = url,
            ["Method"] = method,
            ["Query"] = ToObject(query),
            ["Headers"] = new JsonObject(headers.Select(h => new KeyValuePair<string, JsonNode?>(
                h.Key, new JsonArray([.. h.Value.Select(v => (JsonNode)JsonValue.Create(v))])))),
            ["Params"] = ToObject(routeValues),
            ["Identities"] = new JsonArray(),
        };
        if (!string.IsNullOrEmpty(body))
        {
            req["Body"] = body;
        }

        return req;
    }

    /// <summary>The whole envelope for an HTTP invocation.</summary>
    public static JsonObject Build(
        string functionName,
        string bindingName,
        JsonObject request,
        IReadOnlyDictionary<string, string> routeValues,
        EnvelopeEncoding encoding,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(routeValues);
        var envelope = new InvocationEnvelope(encoding).Data(bindingName, request);
        foreach (var (name, value) in routeValues)
        {
            envelope.Metadata(name, JsonValue.Create(value));
        }

        return envelope.Metadata("Query", request["Query"]).Metadata("Headers", request["Headers"]).Sys(functionName, now).ToJson();
    }

    private static JsonObject ToObject(IEnumerable<KeyValuePair<string, string>> values)
    {
        var result = new JsonObject();
        foreach (var (name, value) in values)
        {
            result[name] = value;
        }

        return result;
    }
}
