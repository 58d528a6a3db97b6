using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CxHost.Configuration;
using CxHost.Hosting;
using CxServerless.EndToEnd.Tests.CxHost;
using CxServerless.Testing;
using Microsoft.Extensions.Logging;

namespace CxServerless.EndToEnd.Tests.Ingestion;

/// <summary>
/// cx-host on the real function app with the real handler: a stream of events is sent through the Event Hubs send API,
/// the handler process is killed while it is storing a batch, cx-host restarts it and its retry policy redelivers the
/// batch. Every event must end up stored exactly once and the ingestion counters must add up.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class IngestionCrashTests(AzuriteFixture azurite)
{
    private const int Sends = 4;
    private const int PerSend = 100;

    [Fact]
    public async Task Killing_the_handler_mid_stream_loses_no_event_and_stores_none_twice()
    {
        var hub = AzuriteFixture.UniqueName("ingesthub");
        var events = AzuriteFixture.UniqueName("ev");
        var quarantine = AzuriteFixture.UniqueName("qu");
        var counters = AzuriteFixture.UniqueName("co");
        var root = AzuriteFixture.RepositoryRoot();
        var appRoot = FunctionAppCopy.WithoutTimers(root);
        var options = new CxHostOptions
        {
            AppRoot = appRoot,
            Port = AzuriteFixture.FreePort(),
            HandlerOverride = FunctionAppCopy.HandlerAssembly(root),
            Storage = azurite.ConnectionString,
            EventHubPartitions = 1,
            DevelopmentRole = "OpsAdmin",
            ExtraSettings = new Dictionary<string, string>
            {
                ["CxEventHubName"] = hub,
                ["CxEventsTable"] = events,
                ["CxQuarantineTable"] = quarantine,
                ["CxIngestCountersTable"] = counters,
                ["CxMetricBucketsTable"] = AzuriteFixture.UniqueName("mb"),
                ["CxLateEventsTable"] = AzuriteFixture.UniqueName("le"),
                ["CxFirstContactsTable"] = AzuriteFixture.UniqueName("fc"),
                ["CxDevelopmentIdentities"] = "true",
            },
        };
        var table = azurite.Tables.GetTableClient(events);
        try
        {
            await using var host = new CxHostApplication(options, LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning)));
            await host.StartAsync(CancellationToken.None);
            using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            var now = DateTimeOffset.UtcNow;
            for (var s = 0; s < Sends; s++)
            {
                await SendAsync(http, hub, s, now);
            }

            // Kill the handler once some, but not all, events are stored: it is then inside a batch.
            var firstPid = host.Handler.ProcessId;
            var before = await FixtureFunctionApp.EventuallyAsync(() => CountAsync(table), n => n > 0, TimeSpan.FromSeconds(60), "the first stored rows");
            Assert.True(before < Sends * PerSend, $"all {before} events were stored before the kill");
            using (var victim = Process.GetProcessById(firstPid))
            {
                victim.Kill();
            }

            var stored = await FixtureFunctionApp.EventuallyAsync(() => CountAsync(table), n => n >= Sends * PerSend, TimeSpan.FromSeconds(120), "every event stored");
            Assert.Equal(Sends * PerSend, stored);
            Assert.NotEqual(firstPid, host.Handler.ProcessId);

            var ids = new List<string>();
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["EventId"]))
            {
                ids.Add(row.GetString("EventId"));
            }

            Assert.Equal(Sends * PerSend, ids.Distinct(StringComparer.Ordinal).Count());

            var totals = await FixtureFunctionApp.EventuallyAsync(
                () => OpsAsync(http), t => t?["received"]?.GetValue<long>() == Sends * PerSend, TimeSpan.FromSeconds(30), "the counters");
            Assert.Equal(Sends * PerSend, totals!["stored"]!.GetValue<long>());
            Assert.Equal(0, totals["duplicates"]!.GetValue<long>());
            Assert.Equal(0, totals["quarantinedTotal"]!.GetValue<long>());
        }
        finally
        {
            foreach (var name in new[] { events, quarantine, counters })
            {
                await azurite.Tables.DeleteTableAsync(name);
            }

            Directory.Delete(appRoot, recursive: true);
        }
    }

    private static async Task SendAsync(HttpClient http, string hub, int send, DateTimeOffset now)
    {
        var batch = new JsonArray();
        for (var i = 0; i < PerSend; i++)
        {
            var n = (send * PerSend) + i;

            // Each event in its own hour, so a batch is many small transactions and the kill lands inside one.
            var body = new JsonObject
            {
                ["schemaVersion"] = 1,
                ["eventId"] = $"crash-{n}",
                ["type"] = "ContactEnded",
                ["eventTime"] = now.AddHours(-n).ToString("O", CultureInfo.InvariantCulture),
                ["conversationId"] = $"call-{n}",
                ["channel"] = "voice",
                ["measures"] = new JsonObject { ["talkSeconds"] = 60 + (n % 300) },
            };
            batch.Add(new JsonObject { ["Body"] = body.ToJsonString() });
        }

        using var content = new StringContent(batch.ToJsonString(), Encoding.UTF8, "application/vnd.microsoft.servicebus.json");
        using var sent = await http.PostAsync(new Uri($"{hub}/messages", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
    }

    private static async Task<int> CountAsync(TableClient table)
    {
        var count = 0;
        try
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(select: ["RowKey"]))
            {
                count++;
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return 0;
        }

        return count;
    }

    private static async Task<JsonObject?> OpsAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("api/ops/ingestion", UriKind.Relative));
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject : null;
    }
}
