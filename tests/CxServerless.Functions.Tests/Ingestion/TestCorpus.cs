using System.Globalization;
using System.Text.Json.Nodes;

namespace CxServerless.Functions.Tests.Ingestion;

/// <summary>Canonical-form events and broken bodies for handler tests.</summary>
internal static class TestCorpus
{
    public static string Canonical(
        string id, DateTimeOffset time, string conversation = "conv-1", string type = "MessagePosted", string channel = "chat",
        string? text = null, string? email = null, string? phone = null, int? csat = null, string? outcome = null)
    {
        var json = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["eventId"] = id,
            ["type"] = type,
            ["eventTime"] = time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["conversationId"] = conversation,
            ["channel"] = channel,
            ["queue"] = "billing",
            ["text"] = text,
            ["customer"] = new JsonObject { ["email"] = email, ["phone"] = phone },
            ["scores"] = new JsonObject { ["csat"] = csat },
        };
        if (outcome is not null)
        {
            json["outcome"] = outcome;
        }

        return json.ToJsonString();
    }

    public static TestEvent At(string body, long sequence, DateTimeOffset enqueued, IReadOnlyDictionary<string, string>? properties = null) =>
        new(body, sequence, enqueued, properties);
}
