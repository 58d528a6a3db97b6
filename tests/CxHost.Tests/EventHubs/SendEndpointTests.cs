using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CxHost.EventHubs;
using CxServerless.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CxHost.Tests.EventHubs;

/// <summary>The Event Hubs send route over real HTTP (Kestrel on a free port), with the event log on real or unreachable storage.</summary>
[Collection(AzuriteTests.Name)]
public sealed class SendEndpointTests(AzuriteFixture azurite)
{
    private const string Batch = "application/vnd.microsoft.servicebus.json";

    [Fact]
    public async Task A_send_while_storage_is_unreachable_is_refused_with_503_and_retry_after_not_a_500()
    {
        // Nothing listens on the port of a listener that was just closed; no retries so the test does not wait for them.
        var port = AzuriteFixture.FreePort();
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        var unreachable = new TableServiceClient(
            AzuriteFixture.ConnectionStringFor(port, port, port), options);
        await using var app = await StartAsync(new EventLog(unreachable, TimeProvider.System, 2));
        using var http = new HttpClient { BaseAddress = app.Address };

        using var response = await http.PostAsync(new Uri("cx-events/messages", UriKind.Relative), BatchOf("""{"a":1}"""));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(SendEndpoint.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(503, problem["status"]!.GetValue<int>());
        Assert.Contains("not accepted", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_send_on_reachable_storage_is_created_and_readable_from_the_log()
    {
        var hub = AzuriteFixture.UniqueName("hub");
        var log = new EventLog(azurite.Tables, TimeProvider.System, 1);
        try
        {
            await using var app = await StartAsync(log);
            using var http = new HttpClient { BaseAddress = app.Address };

            using var response = await http.PostAsync(new Uri($"{hub}/messages", UriKind.Relative), BatchOf("""{"a":1}"""));

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var read = await log.ReadAsync(hub, "0", afterSequenceNumber: -1, max: 10, CancellationToken.None);
            Assert.Equal(["""{"a":1}"""], read.Select(e => e.Body));
        }
        finally
        {
            await azurite.Tables.DeleteTableAsync(EventLog.TableNameFor(hub));
        }
    }

    private static StringContent BatchOf(string body) =>
        new(new JsonArray(new JsonObject { ["Body"] = body }).ToJsonString(), Encoding.UTF8, Batch);

    private static async Task<RunningApp> StartAsync(EventLog log)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(log);
        builder.Services.AddProblemDetails();
        var app = builder.Build();
        app.MapEventHubSend();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new RunningApp(app, new Uri(address + "/"));
    }

    private sealed record RunningApp(WebApplication App, Uri Address) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
