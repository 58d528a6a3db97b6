using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Tests.Ingestion;

/// <summary>Talks to a running handler over real HTTP as the Functions host does: invocations and the ops endpoint.</summary>
internal static class IngestionClient
{
    public static async Task<HttpResponseMessage> InvokeAsync(HttpClient client, string eventHub, string partition, IReadOnlyList<TestEvent> events)
    {
        var envelope = EventHubEnvelope.Build(eventHub, partition, events);
        using var content = new StringContent(envelope.ToJsonString(), Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/IngestCxEvents", UriKind.Relative)) { Content = content };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        return await client.SendAsync(request);
    }

    public static async Task IngestAsync(HttpClient client, string eventHub, string partition, IReadOnlyList<TestEvent> events)
    {
        using var response = await InvokeAsync(client, eventHub, partition, events);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Calls <c>GET /api/ops/ingestion</c> through the HTTP-trigger envelope; returns the status and the body.</summary>
    public static async Task<(int Status, JsonObject? Body)> OpsAsync(HttpClient client, string? role)
    {
        var headers = new JsonObject();
        if (role is not null)
        {
            headers[ClientPrincipalReader.HeaderName] = new JsonArray(ClientPrincipalReader.Encode("aad", $"ops-{role}", [role]));
        }

        var envelope = new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["req"] = new JsonObject
                {
                    ["Url"] = "http://127.0.0.1:7071/api/ops/ingestion",
                    ["Method"] = "GET",
                    ["Query"] = new JsonObject(),
                    ["Headers"] = headers,
                    ["Params"] = new JsonObject(),
                },
            },
            ["Metadata"] = new JsonObject(),
        };
        using var content = new StringContent(envelope.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/OpsIngestion", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var res = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Outputs"]!["res"]!;
        var status = res["statusCode"]!.GetValue<int>();
        return (status, status == 200 ? JsonNode.Parse(res["body"]!.GetValue<string>())!.AsObject() : null);
    }

    public static long Long(JsonNode? node) => node?.GetValue<long>() ?? 0;

    /// <summary>Asserts received = stored + quarantined + duplicates, in total and for every source.</summary>
    public static void AssertAddsUp(JsonObject totals)
    {
        Assert.Equal(Long(totals["received"]), Long(totals["stored"]) + Long(totals["quarantinedTotal"]) + Long(totals["duplicates"]));
        Assert.Equal(Long(totals["quarantinedTotal"]), totals["quarantined"]!.AsObject().Sum(p => Long(p.Value)));
        foreach (var (_, source) in totals["bySource"]!.AsObject())
        {
            Assert.Equal(Long(source!["received"]), Long(source["stored"]) + Long(source["quarantinedTotal"]) + Long(source["duplicates"]));
        }
    }
}
