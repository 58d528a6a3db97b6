using System.Text;
using CxHost.EventHubs;

namespace CxHost.Tests.EventHubs;

public sealed class SendRequestParserTests
{
    private const string Batch = "application/vnd.microsoft.servicebus.json";

    [Fact]
    public void A_single_event_takes_its_partition_key_from_the_broker_properties_header()
    {
        var events = SendRequestParser.TryParse("application/atom+xml;type=entry;charset=utf-8", """{"PartitionKey":"k1"}""", "{\"x\":1}"u8, out var error);

        Assert.Null(error);
        var single = Assert.Single(events!);
        Assert.Equal("{\"x\":1}", single.Body);
        Assert.Equal("k1", single.PartitionKey);
    }

    [Fact]
    public void A_batch_keeps_order_keys_and_user_properties()
    {
        var body = """
            [ { "Body": "one", "BrokerProperties": { "PartitionKey": "a" }, "UserProperties": { "source": "crm" } },
              { "Body": "{\"two\":2}" },
              { "Body": "three", "BrokerProperties": { "PartitionKey": null } } ]
            """;
        var events = SendRequestParser.TryParse(Batch + "; charset=utf-8", null, Encoding.UTF8.GetBytes(body), out var error);

        Assert.Null(error);
        Assert.NotNull(events);
        Assert.Equal(["one", "{\"two\":2}", "three"], events.Select(e => e.Body));
        Assert.Equal(["a", null, null], events.Select(e => e.PartitionKey));
        Assert.Equal("crm", events[0].UserProperties["source"]!.GetValue<string>());
        Assert.Empty(events[1].UserProperties);
    }

    [Theory]
    [InlineData(Batch, null, "not json", "not valid JSON")]
    [InlineData(Batch, null, "[]", "non-empty JSON array")]
    [InlineData(Batch, null, "{\"Body\":\"x\"}", "non-empty JSON array")]
    [InlineData(Batch, null, "[1]", "item 0 is not an object")]
    [InlineData(Batch, null, "[{\"Body\":\"ok\"},{\"body\":\"x\"}]", "item 1 has no string 'Body'")]
    [InlineData(Batch, null, "[{\"Body\":\"x\",\"BrokerProperties\":{\"PartitionKey\":5}}]", "PartitionKey is not a string")]
    [InlineData(Batch, null, "[{\"Body\":\"x\",\"UserProperties\":[1]}]", "'UserProperties' is not an object")]
    [InlineData("text/plain", "{oops", "x", "BrokerProperties header is not valid JSON")]
    [InlineData("text/plain", "[1]", "x", "not a JSON object")]
    [InlineData("text/plain", null, "", "empty")]
    public void Bad_requests_get_a_reason(string contentType, string? broker, string body, string reason)
    {
        Assert.Null(SendRequestParser.TryParse(contentType, broker, Encoding.UTF8.GetBytes(body), out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_events_and_requests_are_refused()
    {
        var big = new string('x', SendRequestParser.MaxEventBytes + 1);
        Assert.Null(SendRequestParser.TryParse("text/plain", null, Encoding.UTF8.GetBytes(big), out var eventError));
        Assert.Contains("limit", eventError, StringComparison.Ordinal);
        Assert.Null(SendRequestParser.TryParse(Batch, null, new byte[SendRequestParser.MaxRequestBytes + 1], out var requestError));
        Assert.Contains("limit", requestError, StringComparison.Ordinal);
    }
}
