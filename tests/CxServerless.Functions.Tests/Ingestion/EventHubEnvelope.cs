using System.Globalization;
using System.Text.Json.Nodes;

namespace CxServerless.Functions.Tests.Ingestion;

/// <summary>Builds the custom-handler envelope the Functions host posts for an Event Hubs batch (double-encoded, ARCHITECTURE §4).</summary>
internal static class EventHubEnvelope
{
    public static JsonObject Build(string eventHub, string partitionId, IReadOnlyList<TestEvent> events)
    {
        var bodies = new JsonArray();
        var sequences = new JsonArray();
        var offsets = new JsonArray();
        var enqueued = new JsonArray();
        var properties = new JsonArray();
        var system = new JsonArray();
        var keys = new JsonArray();
        foreach (var e in events)
        {
            bodies.Add(e.Body);
            sequences.Add(e.Sequence);
            offsets.Add((e.Sequence * 100).ToString(CultureInfo.InvariantCulture));
            enqueued.Add(e.Enqueued.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture));
            var props = new JsonObject();
            foreach (var (k, v) in e.Properties ?? new Dictionary<string, string>())
            {
                props[k] = v;
            }

            properties.Add(props);
            system.Add(new JsonObject());
            keys.Add((JsonNode?)null);
        }

        return new JsonObject
        {
            ["Data"] = new JsonObject { ["events"] = bodies.ToJsonString() },
            ["Metadata"] = new JsonObject
            {
                ["PartitionContext"] = new JsonObject
                {
                    ["PartitionId"] = partitionId,
                    ["EventHubName"] = eventHub,
                    ["ConsumerGroup"] = "$Default",
                    ["FullyQualifiedNamespace"] = "127.0.0.1",
                },
                ["SequenceNumberArray"] = sequences.ToJsonString(),
                ["OffsetArray"] = offsets.ToJsonString(),
                ["EnqueuedTimeUtcArray"] = enqueued.ToJsonString(),
                ["PropertiesArray"] = properties.ToJsonString(),
                ["SystemPropertiesArray"] = system.ToJsonString(),
                ["PartitionKeyArray"] = keys.ToJsonString(),
            },
        };
    }
}
