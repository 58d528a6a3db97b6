using System.Text.Json;
using System.Text.Json.Nodes;

namespace CxHost.Envelope;

/// <summary>
/// Reads a non-HTTP output binding value (or <c>$return</c>) as the host does in
/// <c>HttpScriptInvocationResultExtensions.GetBindingValue</c>: unless the binding says <c>"dataType": "binary"</c>,
/// a string that is valid base64 is decoded into bytes; anything else is kept as it is.
/// </summary>
public static class OutputValue
{
    /// <summary>The bytes to write for <paramref name="value"/>, following the host's base64 rule.</summary>
    public static byte[] ToBytes(JsonNode? value, bool bindingIsBinary)
    {
        if (value is null)
        {
            return [];
        }

        if (value.GetValueKind() != JsonValueKind.String)
        {
            return System.Text.Encoding.UTF8.GetBytes(value.ToJsonString());
        }

        var text = value.GetValue<string>();
        if (!bindingIsBinary && TryDecodeBase64(text, out var decoded))
        {
            return decoded;
        }

        return System.Text.Encoding.UTF8.GetBytes(text);
    }

    /// <summary>True when <paramref name="text"/> is valid base64 as <c>Convert.FromBase64String</c> accepts it.</summary>
    public static bool TryDecodeBase64(string text, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
