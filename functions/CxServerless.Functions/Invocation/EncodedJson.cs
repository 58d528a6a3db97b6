using System.Text.Json;
using System.Text.Json.Nodes;

namespace CxServerless.Functions.Invocation;

/// <summary>
/// Reads values from a custom-handler invocation, which the Functions host may double-encode: strings, numbers and
/// arrays can arrive as JSON strings whose content is JSON (ARCHITECTURE §4). Every reader accepts both forms.
/// </summary>
public static class EncodedJson
{
    /// <summary>
    /// Returns the node itself, or, when it is a string whose content parses as JSON of <paramref name="expected"/> kind, the parsed node.
    /// </summary>
    public static JsonNode? Unwrap(JsonNode? node, JsonValueKind expected)
    {
        if (node is null)
        {
            return null;
        }

        var kind = node.GetValueKind();
        if (kind == expected)
        {
            // A string may itself be an encoded string: "\"x\"" is the double-encoded form of "x".
            if (kind == JsonValueKind.String && TryParse(node.GetValue<string>(), out var inner) &&
                inner?.GetValueKind() == JsonValueKind.String)
            {
                return inner;
            }

            return node;
        }

        if (kind == JsonValueKind.String && TryParse(node.GetValue<string>(), out var parsed) &&
            parsed?.GetValueKind() == expected)
        {
            return parsed;
        }

        return null;
    }

    /// <summary>Reads a string, accepting the plain and the double-encoded form. Returns null when absent or not a string.</summary>
    public static string? ReadString(JsonNode? node) =>
        Unwrap(node, JsonValueKind.String)?.GetValue<string>();

    /// <summary>Reads a whole number, accepting a JSON number or a string holding one.</summary>
    public static long? ReadInt64(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var kind = node.GetValueKind();
        if (kind == JsonValueKind.Number && node.AsValue().TryGetValue(out long n))
        {
            return n;
        }

        if (kind == JsonValueKind.String)
        {
            var text = ReadString(node) ?? node.GetValue<string>();
            return long.TryParse(
                text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : null;
        }

        return null;
    }

    /// <summary>Reads an array, accepting a JSON array or a string holding one.</summary>
    public static JsonArray? ReadArray(JsonNode? node) => Unwrap(node, JsonValueKind.Array) as JsonArray;

    /// <summary>Reads an object, accepting a JSON object or a string holding one.</summary>
    public static JsonObject? ReadObject(JsonNode? node) => Unwrap(node, JsonValueKind.Object) as JsonObject;

    /// <summary>Reads a boolean, accepting a JSON boolean or a string holding one.</summary>
    public static bool? ReadBoolean(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        return node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String => bool.TryParse(ReadString(node) ?? node.GetValue<string>(), out var b) ? b : null,
            _ => null,
        };
    }

    private static bool TryParse(string text, out JsonNode? node)
    {
        node = null;
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.IsEmpty || !(trimmed[0] is '"' or '[' or '{' or '-' or (>= '0' and <= '9') or 't' or 'f' or 'n'))
        {
            return false;
        }

        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
