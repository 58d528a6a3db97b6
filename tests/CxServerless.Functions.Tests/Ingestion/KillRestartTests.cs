using Azure.Data.Tables;
using CxServerless.Testing;
using static CxServerless.Functions.Tests.Ingestion.IngestionClient;
using static CxServerless.Functions.Tests.Ingestion.TestCorpus;

namespace CxServerless.Functions.Tests.Ingestion;

/// <summary>
/// Handler-level crash test: the real handler process receives a stream of batches over real HTTP, is killed while it
/// is writing a batch, is restarted, and gets that batch again (as the host's retry policy redelivers it) followed by
/// the rest of the stream. No event may be lost and none stored twice; the counters must still add up exactly.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class KillRestartTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int Batches = 8;
    private const int BatchSize = 100;
    private const int KilledBatch = 4;
    private readonly IngestionTables _tables = new(azurite);
    private readonly string _appRoot = Directory.CreateTempSubdirectory("cx-kill-").FullName;

    public Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_appRoot, "host.json"), """{"version":"2.0","functionTimeout":"00:05:00"}""");
        var productRoot = Path.Combine(AzuriteFixture.RepositoryRoot(), "functions");
        foreach (var folder in Directory.EnumerateDirectories(productRoot).Where(d => File.Exists(Path.Combine(d, "function.json"))))
        {
            var target = Directory.CreateDirectory(Path.Combine(_appRoot, Path.GetFileName(folder)));
            File.Copy(Path.Combine(folder, "function.json"), Path.Combine(target.FullName, "function.json"));
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _tables.DeleteAsync();
        Directory.Delete(_appRoot, recursive: true);
    }

    private static List<TestEvent> Batch(int index, DateTimeOffset now) =>
        [.. Enumerable.Range(0, BatchSize).Select(i =>
        {
            var sequence = ((long)index * BatchSize) + i + 1;

            // Each event in its own hour: one table partition, hence one transaction, per event, so the batch takes a while.
            return At(Canonical($"k-{sequence}", now.AddHours(-i).AddSeconds(-index)), sequence, now);
        })];

    private Dictionary<string, string> Settings() => new(_tables.Settings) { ["AzureWebJobsStorage"] = azurite.ConnectionString };

    [Fact]
    public async Task Killing_the_handler_mid_batch_and_redelivering_loses_nothing_and_stores_nothing_twice()
    {
        var now = DateTimeOffset.UtcNow;
        var handler = await HandlerProcess.StartAsync(_appRoot, Settings());
        var client = handler.Client();
        for (var b = 0; b < KilledBatch; b++)
        {
            await IngestAsync(client, _tables.EventHub, "0", Batch(b, now));
        }

        // Start the batch, wait until some of its rows are in the table, then kill the process.
        var killed = Batch(KilledBatch, now);
        var inFlight = InvokeAsync(client, _tables.EventHub, "0", killed);
        var origins = killed.Select(e => $"{_tables.EventHub}/0:{e.Sequence}").ToHashSet(StringComparer.Ordinal);
        var storedBeforeKill = await WaitForRowsAsync(origins);
        handler.Kill();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => inFlight);
        Assert.InRange(storedBeforeKill, 1, BatchSize - 1);
        client.Dispose();
        handler.Dispose();

        // The host restarts the handler and its retry policy delivers the same batch again, then the stream goes on.
        using var restarted = await HandlerProcess.StartAsync(_appRoot, Settings());
        using var client2 = restarted.Client();
        for (var b = KilledBatch; b < Batches; b++)
        {
            await IngestAsync(client2, _tables.EventHub, "0", Batch(b, now));
        }

        var rows = await _tables.RowsAsync(_tables.Events);
        var ids = rows.Select(r => r.GetString("EventId")).ToList();
        Assert.Equal(Batches * BatchSize, ids.Count);
        Assert.Equal(Batches * BatchSize, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Enumerable.Range(1, Batches * BatchSize).Select(i => $"k-{i}").Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));

        var (_, totals) = await OpsAsync(client2, "OpsAdmin");
        Assert.Equal(Batches * BatchSize, Long(totals!["received"]));
        Assert.Equal(Batches * BatchSize, Long(totals["stored"]));
        Assert.Equal(0, Long(totals["duplicates"]));
        Assert.Equal(0, Long(totals["quarantinedTotal"]));
        AssertAddsUp(totals);
    }

    private async Task<int> WaitForRowsAsync(HashSet<string> origins)
    {
        var table = _tables.Table(_tables.Events);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var found = 0;
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["Origin"]))
            {
                if (origins.Contains(row.GetString("Origin")))
                {
                    found++;
                }
            }

            if (found > 0)
            {
                return found;
            }

            await Task.Delay(5);
        }

        throw new TimeoutException("No row of the batch appeared within 30 s.");
    }
}
