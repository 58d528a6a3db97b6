using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using CxServerless.Domain.Ingestion;
using CxServerless.Testing;

namespace CxServerless.Domain.Tests.Ingestion;

/// <summary>
/// The registry skips adapters whose <see cref="ISourceAdapter.Signature"/> names are all absent. That is safe only if
/// each signature is a necessary condition of the adapter's own <see cref="ISourceAdapter.Matches"/>: these tests take
/// Matches as the truth and check the skip against it, on every vendor sample and on generated payloads.
/// </summary>
public sealed class AdapterSignatureTests
{
    private static readonly IReadOnlyList<ISourceAdapter> Adapters = SourceAdapters.All();

    /// <summary>A canonical event, the app's own format.</summary>
    private const string Canonical =
        """{"schemaVersion":1,"eventId":"e-1","type":"ContactStarted","eventTime":"2026-01-01T00:00:00Z","conversationId":"c-1"}""";

    /// <summary>Every vendor payload the tests know (the fixture files and the JSON samples in code), and a canonical event.</summary>
    private static IEnumerable<string> Payloads() =>
        VendorFixtures.All.Select(f => f.Body).Append(Canonical).Concat(
            typeof(VendorSamples).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(string))
                .Select(f => (string)f.GetValue(null)!)
                .Where(IsJson));

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>What selection must be: ask every adapter, no skipping (one match, none, or the first two).</summary>
    private static string Reference(JsonElement root)
    {
        var matches = Adapters.Where(a => a.Matches(root)).Select(a => a.Format).Take(2).ToList();
        return matches.Count switch
        {
            0 => "none",
            1 => matches[0],
            _ => $"ambiguous {matches[0]} {matches[1]}",
        };
    }

    private static string Selected(AdapterRegistry registry, JsonElement root)
    {
        var selection = registry.Select(root, formatHint: null);
        if (selection.Adapter is { } adapter)
        {
            return adapter.Format;
        }

        var detail = selection.Rejection!.Detail;
        return selection.Rejection.Reason == QuarantineReason.AmbiguousFormat
            ? "ambiguous " + string.Join(' ', detail.Replace("matches both ", string.Empty, StringComparison.Ordinal).Split(" and "))
            : "none";
    }

    private static IEnumerable<JsonElement> Roots(JsonDocument document) =>
        document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)
            : [document.RootElement];

    [Fact]
    public void Every_adapter_declares_a_signature()
    {
        foreach (var adapter in Adapters)
        {
            Assert.True(adapter.Signature.Count > 0, $"{adapter.Format} declares no signature names");
        }
    }

    [Fact]
    public void An_adapter_matches_a_vendor_sample_only_when_the_sample_carries_one_of_its_signature_names()
    {
        var checkedMatches = 0;
        foreach (var payload in Payloads())
        {
            using var document = JsonDocument.Parse(payload);
            foreach (var root in Roots(document))
            {
                foreach (var adapter in Adapters.Where(a => a.Matches(root)))
                {
                    Assert.True(
                        adapter.Signature.Any(name => root.TryGetProperty(name, out _)),
                        $"{adapter.Format} matches a payload with none of [{string.Join(", ", adapter.Signature)}]");
                    checkedMatches++;
                }
            }
        }

        Assert.True(checkedMatches >= 40, $"only {checkedMatches} matches checked");
    }

    [Fact]
    public void Selection_with_skipping_equals_asking_every_adapter_on_every_vendor_sample()
    {
        var registry = SourceAdapters.Registry();
        foreach (var payload in Payloads())
        {
            using var document = JsonDocument.Parse(payload);
            foreach (var root in Roots(document))
            {
                Assert.Equal(Reference(root), Selected(registry, root));
            }
        }
    }

    [Fact]
    public void Selection_with_skipping_equals_asking_every_adapter_on_generated_payloads()
    {
        // Objects made of the adapters' own signature names, the names their Matches read next to them, and noise,
        // with values of every kind, one level of nesting under the wrapper names: the shapes that sit near a boundary.
        string[] names =
        [
            "conversationId", "type", "data", "eventTime", "AWSContactTraceRecordFormatVersion", "InitiationMethod",
            "initiationMethod", "eventType", "InstanceId", "WorkspaceSid", "Sid", "sid", "event_data", "object_type",
            "event_id", "filter_type", "message", "timestamp", "id", "meta", "key", "reply_time_in_minutes", "eventBody",
            "entityName", "noise", "Noise",

            // Every top-level name some adapter's Matches reads, written out here rather than taken from the signatures.
            "schemaVersion", "ContactId", "specversion", "AgentARN", "source", "contactId", "detail", "topicName", "response",
            "payload", "ChangeEventHeader", "event_type", "EventType", "events", "satisfaction_rating", "satisfaction_ratings",
            "ticket", "tickets", "ticket_event", "input", "ticket_metric", "ticket_id", "ticket_metrics",
        ];
        var registry = SourceAdapters.Registry();
        names = [.. names.Distinct()];
        var keys = Gen.Int[0, names.Length - 1];
        var innerKeys = Gen.Int[0, InnerNames.Length - 1];
        Gen.Select(keys.Array[0, 8], Gen.Int[0, 12].Array[8], innerKeys.Array[0, 6], Gen.Int[0, 12].Array[6])
            .Select((outer, kinds, inner, innerKinds) => Build(names, outer, kinds, inner, innerKinds))
            .Sample(
                root =>
                {
                    using var document = JsonDocument.Parse(root.ToJsonString());
                    return Reference(document.RootElement) == Selected(registry, document.RootElement);
                },
                iter: 20_000);
    }

    [Fact]
    public void A_match_rule_never_throws_on_a_value_of_another_type()
    {
        // Found by the generated test: Twilio's rule compared meta.key with "events" without checking it was a string.
        var registry = SourceAdapters.Registry();
        using var document = JsonDocument.Parse("""{"events":[],"meta":{"key":2}}""");
        Assert.Equal("none", Reference(document.RootElement));
        Assert.Equal("none", Selected(registry, document.RootElement));
    }

    [Fact]
    public void A_signature_name_written_with_escapes_still_counts()
    {
        var registry = SourceAdapters.Registry();
        using var document = JsonDocument.Parse(
            """{"\u0073chemaVersion":1,"conversationId":"c-1","type":"ContactStarted","eventId":"e-1"}""");
        Assert.Equal("canonical", Reference(document.RootElement));
        Assert.Equal("canonical", Selected(registry, document.RootElement));
    }

    /// <summary>The names Matches reads one level down, under data, payload, detail, input, ticket, response or meta.</summary>
    private static readonly string[] InnerNames =
        ["ticket_event", "payload", "ChangeEventHeader", "topicName", "eventBody", "timestamp", "key", "entityName", "id", "x"];

    private static readonly string[] Strings =
        ["aws.connect", "Microsoft.Communication.ChatMessageReceived", "Microsoft.Storage.BlobCreated", "events", "x"];

    /// <summary>A value: 0 null, 1–5 numbers, 6–10 strings, 11 an object (of the inner names, or empty), 12 an empty array.</summary>
    private static JsonNode? Value(int kind, Func<JsonObject> inner) => kind switch
    {
        0 => null,
        <= 5 => JsonValue.Create(kind),
        <= 10 => JsonValue.Create(Strings[kind - 6]),
        11 => inner(),
        _ => new JsonArray(),
    };

    private static JsonObject Build(string[] names, int[] outer, int[] kinds, int[] inner, int[] innerKinds)
    {
        JsonObject Inner()
        {
            var o = new JsonObject();
            for (var i = 0; i < inner.Length; i++)
            {
                o[InnerNames[inner[i]]] = Value(innerKinds[i], () => new JsonObject());
            }

            return o;
        }

        var root = new JsonObject();
        for (var i = 0; i < outer.Length; i++)
        {
            root[names[outer[i]]] = Value(kinds[i], Inner);
        }

        return root;
    }
}
