using System.Text.Json;
using System.Text.Json.Nodes;
using CxHost.Envelope;
using CxHost.Queues;

namespace CxHost.Tests.Envelope;

public sealed class InvocationEnvelopeTests
{
    [Theory]
    [InlineData("\"x\"", "\"\\\"x\\\"\"")]
    [InlineData("4", "\"4\"")]
    [InlineData("true", "\"true\"")]
    [InlineData("[\"a\",1]", "\"[\\\"a\\\",1]\"")]
    [InlineData("{\"k\":\"v\"}", "{\"k\":\"v\"}")]
    public void Double_encoding_wraps_everything_but_objects_in_a_json_string(string value, string expected)
    {
        Assert.Equal(expected, InvocationEnvelope.Encode(JsonNode.Parse(value)!, EnvelopeEncoding.DoubleEncoded).ToJsonString(InvocationEnvelope.WireFormat));
    }

    [Theory]
    [InlineData("\"x\"")]
    [InlineData("4")]
    [InlineData("[\"a\",1]")]
    [InlineData("{\"k\":\"v\"}")]
    public void Plain_encoding_keeps_values_as_they_are(string value)
    {
        Assert.Equal(value, InvocationEnvelope.Encode(JsonNode.Parse(value)!, EnvelopeEncoding.Plain).ToJsonString());
    }

    [Fact]
    public void Null_values_and_trigger_named_metadata_are_left_out()
    {
        var json = new InvocationEnvelope(EnvelopeEncoding.DoubleEncoded)
            .Data("a", null)
            .Metadata("QueueTrigger", JsonValue.Create("text"))
            .Metadata("Id", JsonValue.Create("1"))
            .ToJson();

        Assert.Empty(json["Data"]!.AsObject());
        Assert.Equal(["Id"], json["Metadata"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void A_queue_invocation_carries_the_message_and_its_metadata_in_both_encodings()
    {
        var inserted = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        JsonObject Build(EnvelopeEncoding encoding) => QueueEnvelope.Build("Work", "msg", "{\"order\":42}", "id-1", "pop", 2, inserted, inserted.AddDays(7), inserted.AddMinutes(1), encoding, inserted);

        var doubled = Build(EnvelopeEncoding.DoubleEncoded);
        Assert.Equal("\"{\\\"order\\\":42}\"", doubled["Data"]!["msg"]!.GetValue<string>());
        Assert.Equal("2", doubled["Metadata"]!["DequeueCount"]!.GetValue<string>());
        Assert.Equal("\"id-1\"", doubled["Metadata"]!["Id"]!.GetValue<string>());
        Assert.Equal("\"2026-11-23T08:00:00+00:00\"", doubled["Metadata"]!["InsertionTime"]!.GetValue<string>());

        var plain = Build(EnvelopeEncoding.Plain);
        Assert.Equal("{\"order\":42}", plain["Data"]!["msg"]!.GetValue<string>());
        Assert.Equal(2, plain["Metadata"]!["DequeueCount"]!.GetValue<long>());
        Assert.Equal(JsonValueKind.String, plain["Metadata"]!["PopReceipt"]!.GetValueKind());
    }

    [Fact]
    public void Output_strings_that_are_valid_base64_are_decoded_unless_the_binding_is_binary()
    {
        Assert.Equal("hi"u8.ToArray(), OutputValue.ToBytes(JsonValue.Create("aGk="), bindingIsBinary: false));
        Assert.Equal("aGk="u8.ToArray(), OutputValue.ToBytes(JsonValue.Create("aGk="), bindingIsBinary: true));
        Assert.Equal("not base64!"u8.ToArray(), OutputValue.ToBytes(JsonValue.Create("not base64!"), bindingIsBinary: false));
        Assert.Equal("{\"a\":1}"u8.ToArray(), OutputValue.ToBytes(JsonNode.Parse("{\"a\":1}"), bindingIsBinary: false));
        Assert.Empty(OutputValue.ToBytes(null, bindingIsBinary: false));
    }
}
