using System.Text.Json;
using System.Text.Json.Nodes;
using CxHost.Envelope;
using CxHost.EventHubs;

namespace CxHost.Tests.EventHubs;

public sealed class EventBatchEnvelopeTests
{
    private static readonly EventHubBinding Many = new("cx-events", "$Default", "ns.servicebus.windows.net", true);
    private static readonly DateTimeOffset Enqueued = new(2026, 11, 23, 8, 15, 2, 250, TimeSpan.Zero);

    private static readonly LoggedEvent[] Events =
    [
        new("1", 10, 500, Enqueued, "k", "{\"a\":1}", new JsonObject { ["source"] = "crm" }),
        new("1", 11, 507, Enqueued.AddSeconds(1), null, "plain text", []),
    ];

    [Fact]
    public void Double_encoding_writes_arrays_and_strings_as_json_text_and_keeps_objects()
    {
        var envelope = EventBatchEnvelope.Build("Ingest", "events", Many, "1", Events, EnvelopeEncoding.DoubleEncoded, Enqueued);

        var data = envelope["Data"]!["events"]!;
        Assert.Equal(JsonValueKind.String, data.GetValueKind());
        Assert.Equal("[\"{\\\"a\\\":1}\",\"plain text\"]", data.GetValue<string>());
        var meta = envelope["Metadata"]!.AsObject();
        Assert.Equal("[10,11]", meta["SequenceNumberArray"]!.GetValue<string>());
        Assert.Equal("[\"500\",\"507\"]", meta["OffsetArray"]!.GetValue<string>());
        Assert.Equal("[\"k\",null]", meta["PartitionKeyArray"]!.GetValue<string>());
        Assert.Equal("[\"2026-11-23T08:15:02.25\",\"2026-11-23T08:15:03.25\"]", meta["EnqueuedTimeUtcArray"]!.GetValue<string>());
        Assert.Equal("[{\"source\":\"crm\"},{}]", meta["PropertiesArray"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Object, meta["PartitionContext"]!.GetValueKind());
        Assert.Equal("1", meta["PartitionContext"]!["PartitionId"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Object, meta["sys"]!.GetValueKind());
    }

    [Fact]
    public void Plain_encoding_writes_every_value_as_json()
    {
        var envelope = EventBatchEnvelope.Build("Ingest", "events", Many, "1", Events, EnvelopeEncoding.Plain, Enqueued);

        Assert.Equal(["{\"a\":1}", "plain text"], envelope["Data"]!["events"]!.AsArray().Select(b => b!.GetValue<string>()));
        var meta = envelope["Metadata"]!.AsObject();
        Assert.Equal([10L, 11L], meta["SequenceNumberArray"]!.AsArray().Select(s => s!.GetValue<long>()));
        var system = meta["SystemPropertiesArray"]!.AsArray()[1]!;
        Assert.Equal(11, system["x-opt-sequence-number"]!.GetValue<long>());
        Assert.Equal("2026-11-23T08:15:03.25", system["EnqueuedTimeUtc"]!.GetValue<string>());
    }

    [Fact]
    public void Cardinality_one_binds_a_single_event_with_singular_metadata()
    {
        var envelope = EventBatchEnvelope.Build("One", "e", Many with { Many = false }, "1", [Events[0]], EnvelopeEncoding.DoubleEncoded, Enqueued);

        Assert.Equal("\"{\\\"a\\\":1}\"", envelope["Data"]!["e"]!.GetValue<string>());
        Assert.Equal("10", envelope["Metadata"]!["SequenceNumber"]!.GetValue<string>());
        Assert.Equal("\"2026-11-23T08:15:02.25\"", envelope["Metadata"]!["EnqueuedTimeUtc"]!.GetValue<string>());
        Assert.False(envelope["Metadata"]!.AsObject().ContainsKey("SequenceNumberArray"));
    }

    [Theory]
    [InlineData("2026-11-23T08:15:02.0000000+00:00", "2026-11-23T08:15:02")]
    [InlineData("2026-11-23T08:15:02.1234567+00:00", "2026-11-23T08:15:02.1234567")]
    [InlineData("2026-11-23T10:15:02.5+02:00", "2026-11-23T08:15:02.5")]
    public void Enqueued_times_are_utc_without_z(string time, string expected)
    {
        Assert.Equal(expected, EventBatchEnvelope.EnqueuedTimeText(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
