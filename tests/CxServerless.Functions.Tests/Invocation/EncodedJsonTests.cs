using System.Text.Json.Nodes;
using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Tests.Invocation;

public sealed class EncodedJsonTests
{
    [Theory]
    [InlineData("\"x\"", "x")]
    [InlineData("\"\\\"x\\\"\"", "x")]
    [InlineData("\"plain text\"", "plain text")]
    public void ReadString_accepts_plain_and_double_encoded_strings(string json, string expected) =>
        Assert.Equal(expected, EncodedJson.ReadString(JsonNode.Parse(json)));

    [Theory]
    [InlineData("4", 4)]
    [InlineData("\"4\"", 4)]
    [InlineData("\"-17\"", -17)]
    public void ReadInt64_accepts_numbers_and_strings_holding_them(string json, long expected) =>
        Assert.Equal(expected, EncodedJson.ReadInt64(JsonNode.Parse(json)));

    [Fact]
    public void ReadArray_accepts_an_array_encoded_as_a_string()
    {
        var node = JsonValue.Create("[\"a\",\"b\"]");
        var array = EncodedJson.ReadArray(node);
        Assert.NotNull(array);
        Assert.Equal(["a", "b"], array.Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void ReadArray_returns_null_for_a_string_that_is_not_an_array() =>
        Assert.Null(EncodedJson.ReadArray(JsonValue.Create("not json")));
}
