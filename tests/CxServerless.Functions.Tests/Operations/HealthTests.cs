using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Testing;

namespace CxServerless.Functions.Tests.Operations;

[Collection(AzuriteTests.Name)]
public sealed class HealthTests(AzuriteFixture azurite)
{
    // As an OpsAdmin, who gets the details.
    private static readonly string HealthEnvelope = new System.Text.Json.Nodes.JsonObject
    {
        ["Data"] = new JsonObject
        {
            ["req"] = new JsonObject
            {
                ["Url"] = "http://127.0.0.1:7071/api/health",
                ["Method"] = "GET",
                ["Query"] = new JsonObject(),
                ["Headers"] = new JsonObject
                {
                    ["x-ms-client-principal"] = new JsonArray(
                        CxServerless.Functions.Security.ClientPrincipalReader.Encode("aad", "ops", ["OpsAdmin"])),
                },
                ["Params"] = new JsonObject(),
            },
        },
        ["Metadata"] = new JsonObject(),
    }.ToJsonString();

    private static async Task<(int Status, JsonNode Body)> HealthAsync(HttpClient client)
    {
        var response = await client.PostAsync(new Uri("/Health", UriKind.Relative), new StringContent(HealthEnvelope, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var res = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Outputs"]!["res"]!;
        return (res["statusCode"]!.GetValue<int>(), JsonNode.Parse(res["body"]!.GetValue<string>())!);
    }

    [Fact]
    public async Task Heartbeat_tick_shows_in_health()
    {
        // The Heartbeat table is shared by every test on this Azurite, so assert on a beat newer than the test's start.
        using var server = new HandlerServer(azurite.ConnectionString);
        using var client = server.Client();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var tick = await client.PostAsync(new Uri("/Heartbeat", UriKind.Relative), new StringContent(
            """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":true}},"Metadata":{}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, tick.StatusCode);
        Assert.Contains("IsPastDue", await tick.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var (status, body) = await HealthAsync(client);
        Assert.Equal(200, status);
        Assert.Equal("healthy", body["status"]!.GetValue<string>());
        Assert.True(body["heartbeat"]!["last"]!.GetValue<DateTimeOffset>() >= before);
        Assert.True(body["heartbeat"]!["isPastDue"]!.GetValue<bool>());
        Assert.False(string.IsNullOrEmpty(body["version"]!.GetValue<string>()));

        // The workflow worker starts in the background on the same storage and reports itself once running.
        for (var i = 0; i < 300 && body["workflows"]!["worker"]!.GetValue<string>() != "running"; i++)
        {
            await Task.Delay(100);
            (_, body) = await HealthAsync(client);
        }

        Assert.Equal("running", body["workflows"]!["worker"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unreachable_storage_makes_health_503_with_the_reason()
    {
        var closedPort = AzuriteFixture.FreePort();
        using var server = new HandlerServer(
            AzuriteFixture.ConnectionStringFor(closedPort, closedPort, closedPort), hostJson: """{"version":"2.0","functionTimeout":"00:00:30"}""");
        using var client = server.Client();
        var (status, body) = await HealthAsync(client);
        Assert.Equal(503, status);
        Assert.Equal("unhealthy", body["status"]!.GetValue<string>());
        Assert.False(body["storage"]!["reachable"]!.GetValue<bool>());
        Assert.NotNull(body["storage"]!["error"]);
        Assert.Equal("starting", body["workflows"]!["worker"]!.GetValue<string>());
    }
}
