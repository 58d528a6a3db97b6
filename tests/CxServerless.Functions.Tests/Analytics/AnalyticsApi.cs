using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CxServerless.Functions.Security;
using CxServerless.Functions.Tests.Ingestion;

namespace CxServerless.Functions.Tests.Analytics;

/// <summary>Calls the analytics functions of a real handler over HTTP, as the Functions host would.</summary>
internal static class AnalyticsApi
{
    public static string Principal(string role, string? team = null) =>
        ClientPrincipalReader.Encode("aad", $"user-{role.ToLowerInvariant()}", [role], team);

    public static async Task<(int Status, JsonObject? Body, JsonObject Headers)> GetAsync(
        HttpClient client, string function, string route, IReadOnlyDictionary<string, string>? query, string? principal, string? ifNoneMatch = null)
    {
        var headers = new JsonObject();
        if (principal is not null)
        {
            headers[ClientPrincipalReader.HeaderName] = new JsonArray(principal);
        }

        if (ifNoneMatch is not null)
        {
            headers["If-None-Match"] = new JsonArray(ifNoneMatch);
        }

        var q = new JsonObject();
        foreach (var (k, v) in query ?? new Dictionary<string, string>())
        {
            q[k] = v;
        }

        var envelope = new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["req"] = new JsonObject
                {
                    ["Url"] = $"http://127.0.0.1:7071/api/{route}",
                    ["Method"] = "GET",
                    ["Query"] = q,
                    ["Headers"] = headers,
                    ["Params"] = new JsonObject(),
                },
            },
            ["Metadata"] = new JsonObject(),
        };
        using var content = new StringContent(envelope.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri($"/{function}", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var res = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Outputs"]!["res"]!;
        var status = res["statusCode"]!.GetValue<int>();
        var body = res["body"]?.GetValue<string>();
        return (status, string.IsNullOrEmpty(body) ? null : JsonNode.Parse(body)!.AsObject(), res["headers"]!.AsObject());
    }

    public static async Task EvaluateAlertsAsync(HttpClient client)
    {
        var envelope = new JsonObject
        {
            ["Data"] = new JsonObject { ["timer"] = new JsonObject { ["IsPastDue"] = false } },
            ["Metadata"] = new JsonObject(),
        };
        using var content = new StringContent(envelope.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/EvaluateAlerts", UriKind.Relative), content);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A canonical contact event with the measures the KPIs read.</summary>
    public static string Contact(
        string id, string type, DateTimeOffset time, string team = "team-billing", string queue = "billing", double? wait = null, string conversation = "c")
    {
        var measures = new JsonObject();
        if (wait is { } w)
        {
            measures["waitSeconds"] = w;
        }

        return new JsonObject
        {
            ["schemaVersion"] = 1,
            ["eventId"] = id,
            ["type"] = type,
            ["eventTime"] = time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["conversationId"] = conversation + "-" + id,
            ["channel"] = "voice",
            ["queue"] = queue,
            ["team"] = team,
            ["region"] = "emea",
            ["measures"] = measures,
        }.ToJsonString();
    }

    public static TestEvent At(string body, long sequence) => new(body, sequence, DateTimeOffset.UtcNow);

    /// <summary>
    /// Six answers after 100 s of waiting on each of team-billing (queue billing) and team-sales (queue sales), five minutes
    /// before the current minute, each with a started contact beside it when <paramref name="withStarts"/>, and a fresh
    /// event to move the watermark. Returns the events and the end of the tumbling minute that breaches.
    /// </summary>
    public static (List<TestEvent> Events, DateTimeOffset BreachEnd) SlowAnswersOnTwoTeams(bool withStarts)
    {
        var minute = new DateTimeOffset(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var first = minute.AddMinutes(-5);
        var events = new List<TestEvent>();
        long seq = 1;
        for (var i = 0; i < 6; i++)
        {
            events.Add(At(Contact($"b{i}", "ContactAnswered", first.AddSeconds(5 + i), wait: 100), seq++));
            var sales = Contact($"s{i}", "ContactAnswered", first.AddSeconds(5 + i), team: "team-sales", queue: "sales", wait: 100);
            events.Add(At(sales, seq++));
            if (withStarts)
            {
                events.Add(At(Contact($"v{i}", "ContactStarted", first.AddSeconds(5 + i)), seq++));
            }
        }

        events.Add(At(Contact("now", "ContactStarted", minute.AddSeconds(-1)), seq));
        return (events, first.AddMinutes(1));
    }
}
