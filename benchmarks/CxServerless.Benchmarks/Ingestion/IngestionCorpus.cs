using System.Globalization;
using System.Text.Json.Nodes;
using CxServerless.Domain.Ingestion;
using CxServerless.Testing;

namespace CxServerless.Benchmarks.Ingestion;

/// <summary>
/// A deterministic mix of event bodies like production's: canonical events with free text that carries personal data
/// (with <c>contacts</c>, a share of them canonical contact starts and resolved ends of known customers instead), Amazon
/// Connect contact records, Communication Services chat messages, Zendesk comments, and a share of broken bodies.
/// The vendor payloads are the test fixtures' (<see cref="VendorSamples"/>), with ids, times and text varied per event.
/// </summary>
public static class IngestionCorpus
{
    /// <summary>
    /// Builds <paramref name="count"/> bodies with event times shortly before <paramref name="now"/>; ids are unique from
    /// <paramref name="firstIndex"/> on, so consecutive calls make fresh events. With <paramref name="contacts"/>, one body
    /// in ten is a contact start and one a resolved contact end (of the canonical four in ten), so first-contact state is
    /// written as production writes it.
    /// </summary>
    public static IReadOnlyList<string> Bodies(int count, DateTimeOffset now, long firstIndex = 0, bool contacts = false)
    {
        var bodies = new List<string>(count);
        for (var n = 0; n < count; n++)
        {
            var i = (int)(firstIndex + n);
            var t = now.AddSeconds(-(n % 60)).UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
            bodies.Add((i % 10) switch
            {
                0 when contacts => Lifecycle(i, t, "ContactStarted"),
                1 when contacts => Lifecycle(i, t, "ContactEnded"),
                < 4 => Canonical(i, t),
                < 6 => ContactRecord(i, t),
                < 8 => AcsChat(i, t),
                8 => ZendeskComment(i, t),
                _ => "{\"broken\": [1, 2, " + i.ToString(CultureInfo.InvariantCulture),
            });
        }

        return bodies;
    }

    /// <summary>The bodies as delivered events of one partition, sequence numbers from <paramref name="firstSequence"/>.</summary>
    public static IReadOnlyList<RawEvent> Raw(IReadOnlyList<string> bodies, DateTimeOffset enqueued, long firstSequence = 0) =>
        [.. bodies.Select((b, i) => new RawEvent(b, "0", firstSequence + i, enqueued, new Dictionary<string, string>()))];

    private static string Canonical(int i, string t) => new JsonObject
    {
        ["schemaVersion"] = 1,
        ["eventId"] = $"sim-{i}",
        ["type"] = "MessagePosted",
        ["eventTime"] = t,
        ["conversationId"] = $"conv-{i % 97}",
        ["channel"] = "chat",
        ["queue"] = "billing",
        ["agentId"] = $"agent-{i % 13}",
        ["customer"] = new JsonObject { ["email"] = $"customer{i % 500}@example.com" },
        ["text"] = $"Hello, my order {i} has not arrived. Call me on +44 20 7946 {i % 10000:D4} "
            + $"or mail me at customer{i % 500}@example.com.",
    }.ToJsonString();

    private static string Lifecycle(int i, string t, string type)
    {
        var json = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["eventId"] = $"sim-{i}",
            ["type"] = type,
            ["eventTime"] = t,
            ["conversationId"] = $"contact-{i / 10}",
            ["channel"] = "voice",
            ["queue"] = "billing",
            ["agentId"] = $"agent-{i % 13}",
            ["customer"] = new JsonObject { ["email"] = $"customer{i / 10 % 500}@example.com" },
        };
        if (type == "ContactEnded")
        {
            json["outcome"] = "Resolved";
        }

        return json.ToJsonString();
    }

    private static string ContactRecord(int i, string t) => VendorSamples.ConnectVoice
        .Replace("15a5cf14-3212-45a1-9f86-a8e97db8afaf", $"15a5cf14-3212-45a1-9f86-{i:D12}", StringComparison.Ordinal)
        .Replace("2022-04-08T15:01:22Z", t, StringComparison.Ordinal)
        .Replace("+17208401003", $"+1720840{i % 10000:D4}", StringComparison.Ordinal);

    private static string AcsChat(int i, string t) => VendorSamples.AcsChatMessageReceived
        .Replace("1613694358927", (1613694358927 + i).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("2021-02-19T00:25:58.927Z", t, StringComparison.Ordinal)
        .Replace(
            "Welcome to Azure Communication Services",
            $"Thanks! My IBAN is GB82 WEST 1234 5698 7654 32 (message {i}).",
            StringComparison.Ordinal);

    private static string ZendeskComment(int i, string t) => VendorSamples.ZendeskCommentCreated
        .Replace("9d1f5e64-2b1a-4a52-8a55-6b0c2f2a7c21", $"9d1f5e64-2b1a-4a52-8a55-{i:D12}", StringComparison.Ordinal)
        .Replace("2019-05-25T01:29:58Z", t, StringComparison.Ordinal);
}
