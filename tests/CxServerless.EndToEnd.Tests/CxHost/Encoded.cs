using System.Text.Json;
using System.Text.Json.Nodes;

namespace CxServerless.EndToEnd.Tests.CxHost;

/// <summary>Reads double-encoded envelope values, asserting they really are double-encoded (a string holding JSON).</summary>
internal static class Encoded
{
    public static JsonNode Decode(JsonNode? node)
    {
        Assert.NotNull(node);
        Assert.Equal(JsonValueKind.String, node.GetValueKind());
        return JsonNode.Parse(node.GetValue<string>())!;
    }

    public static JsonArray Array(JsonNode? node) => Assert.IsType<JsonArray>(Decode(node));

    public static string String(JsonNode? node) => Decode(node).GetValue<string>();

    public static long Int64(JsonNode? node) => Decode(node).GetValue<long>();
}
