using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CxServerless.Domain.Events;

namespace CxSim.Formats;

/// <summary>
/// Writes a <see cref="CxEvent"/> in the canonical wire format that the ingestion pipeline's <c>canonical</c> adapter
/// reads (docs/events.md, "Sending the canonical form directly"): camelCase, enums as names, nulls omitted, and people
/// identified the way a producer knows them, never as pseudonyms: the simulated agent as <c>agentId</c> and the
/// simulated CRM account as <c>customer.accountId</c>. The pipeline sets <c>sourceSystem</c>, <c>ingestTime</c>, the
/// pseudonyms and <c>customerAliases</c> itself, so none of them is sent.
/// </summary>
public sealed class CanonicalEventEncoder : IEventEncoder
{
    /// <summary>The one instance.</summary>
    public static CanonicalEventEncoder Instance { get; } = new();

    /// <summary>The serializer options of the canonical wire format.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The format name.</summary>
    public const string Format = "canonical";

    private static readonly string[] Producerless = ["sourceSystem", "ingestTime", "customerAliases", "agentKey", "customerKey"];

    // The same options without the fields a producer does not send, so that the hot path serialises in one pass.
    private static readonly JsonSerializerOptions WireOptions = new(JsonOptions)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RemoveProducerless } },
    };

    /// <inheritdoc />
    public EncodedBody Encode(CxEvent cxEvent) => new(ToJson(cxEvent), Format);

    /// <summary>The event as canonical JSON (the same text as <see cref="ToNode"/> writes, in one pass).</summary>
    public static string ToJson(CxEvent cxEvent)
    {
        ArgumentNullException.ThrowIfNull(cxEvent);
        var json = JsonSerializer.Serialize(cxEvent, WireOptions);
        if (cxEvent.AgentKey is null && cxEvent.CustomerKey is null)
        {
            return json;
        }

        var text = new StringBuilder(json, 0, json.Length - 1, json.Length + 80);
        var separator = json.Length > 2 ? "," : string.Empty;
        if (cxEvent.AgentKey is { } agent)
        {
            text.Append(separator).Append("\"agentId\":").Append(JsonSerializer.Serialize(agent, JsonOptions));
            separator = ",";
        }

        if (cxEvent.CustomerKey is { } customer)
        {
            text.Append(separator)
                .Append("\"customer\":{\"accountId\":")
                .Append(JsonSerializer.Serialize(customer, JsonOptions))
                .Append('}');
        }

        return text.Append('}').ToString();
    }

    /// <summary>The event as a canonical JSON object (for tools that alter it, such as the malformed-event builder).</summary>
    public static JsonObject ToNode(CxEvent cxEvent)
    {
        ArgumentNullException.ThrowIfNull(cxEvent);
        var node = JsonSerializer.SerializeToNode(cxEvent, JsonOptions)!.AsObject();
        foreach (var producerless in Producerless)
        {
            node.Remove(producerless);
        }

        if (cxEvent.AgentKey is { } agent)
        {
            node["agentId"] = agent;
        }

        if (cxEvent.CustomerKey is { } customer)
        {
            node["customer"] = new JsonObject { ["accountId"] = customer };
        }

        return node;
    }

    /// <summary>
    /// Reads canonical JSON back into the event it was written from (used by tests and tools). The wire format carries
    /// no source system, so the caller names it.
    /// </summary>
    public static CxEvent? Decode(string json, string sourceSystem = "cx-sim")
    {
        var node = JsonNode.Parse(json)?.AsObject();
        if (node is null)
        {
            return null;
        }

        var agent = node["agentId"]?.GetValue<string>();
        var customer = node["customer"]?["accountId"]?.GetValue<string>();
        node.Remove("agentId");
        node.Remove("customer");
        node["sourceSystem"] = sourceSystem;
        var cxEvent = node.Deserialize<CxEvent>(JsonOptions);
        return cxEvent is null ? null : cxEvent with { AgentKey = agent, CustomerKey = customer };
    }

    private static void RemoveProducerless(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(CxEvent))
        {
            return;
        }

        foreach (var property in typeInfo.Properties.Where(p => Producerless.Contains(p.Name)).ToList())
        {
            typeInfo.Properties.Remove(property);
        }
    }
}
