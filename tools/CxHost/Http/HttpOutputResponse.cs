using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CxHost.Http;

/// <summary>
/// The HTTP answer a function gave in its <c>http</c> output binding: <c>{"statusCode", "headers", "body"}</c> (names
/// case-insensitive, <c>status</c> accepted for the code, which may be a number or a string). The host deserializes the
/// binding value as <c>HttpOutputBindingResponse</c>; its body is not base64-decoded.
/// </summary>
public sealed record HttpOutputResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>Reads the binding value; returns null and a reason when it is not a response object.</summary>
    public static HttpOutputResponse? TryRead(JsonNode? value, out string? error)
    {
        if (value?.GetValueKind() == JsonValueKind.String)
        {
            try
            {
                value = JsonNode.Parse(value.GetValue<string>());
            }
            catch (JsonException)
            {
                value = null;
            }
        }

        if (value is not JsonObject response)
        {
            error = "the http output binding is not an object with statusCode, headers and body";
            return null;
        }

        var status = Property(response, "statusCode") ?? Property(response, "status");
        var code = 200;
        if (status is not null && !int.TryParse(status.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out code))
        {
            error = $"statusCode '{status}' is not a number";
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Property(response, "headers") is JsonObject headerObject)
        {
            foreach (var (name, headerValue) in headerObject)
            {
                headers[name] = headerValue?.ToString() ?? string.Empty;
            }
        }

        var body = Property(response, "body") switch
        {
            null => string.Empty,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            var other => other.ToJsonString(),
        };
        error = null;
        return new HttpOutputResponse(code, headers, body);
    }

    private static JsonNode? Property(JsonObject response, string name) =>
        response.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
