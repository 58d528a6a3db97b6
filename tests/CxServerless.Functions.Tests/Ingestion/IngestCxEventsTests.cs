using System.Net;
using CxServerless.Domain.Ingestion;
using CxServerless.Functions.Ingestion;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Testing;
using Microsoft.Extensions.DependencyInjection;
using static CxServerless.Functions.Tests.Ingestion.IngestionClient;
using static CxServerless.Functions.Tests.Ingestion.TestCorpus;

namespace CxServerless.Functions.Tests.Ingestion;

/// <summary>IngestCxEvents through the real handler over real HTTP, on Azurite.</summary>
[Collection(AzuriteTests.Name)]
public sealed class IngestCxEventsTests(AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly IngestionTables _tables = new(azurite);
    private HandlerServer _server = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _server = new HandlerServer(azurite.ConnectionString, """{"version":"2.0","functionTimeout":"00:01:00"}""", _tables.Settings);
        _client = _server.Client();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _tables.DeleteAsync();

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    private static List<TestEvent> MixedBatch() =>
    [
        At(Canonical("e1", Now.AddSeconds(-2)), 1, Now),
        At(Canonical("e2", Now.AddSeconds(-3), csat: 4, type: "SurveyResponse", channel: "survey"), 2, Now),
        At(Canonical("e3", Now.AddMinutes(-30)), 3, Now),
        At(Canonical("e1", Now.AddSeconds(-2)), 4, Now),
        At("{not json", 5, Now),
        At("""{"hello":"world"}""", 6, Now),
        At(Canonical("e7", Now, csat: 9, type: "SurveyResponse", channel: "survey"), 7, Now),
        At(Canonical("e8", Now.AddDays(2)), 8, Now),
    ];

    [Fact]
    public async Task A_mixed_batch_is_stored_quarantined_and_counted_exactly()
    {
        await IngestAsync(_client, _tables.EventHub, "0", MixedBatch());

        var (status, totals) = await OpsAsync(_client, "OpsAdmin");
        Assert.Equal(200, status);
        Assert.NotNull(totals);
        Assert.Equal(8, Long(totals["received"]));
        Assert.Equal(3, Long(totals["stored"]));
        Assert.Equal(1, Long(totals["duplicates"]));
        Assert.Equal(1, Long(totals["late"]));
        Assert.Equal(4, Long(totals["quarantinedTotal"]));
        var quarantined = totals["quarantined"]!.AsObject();
        Assert.Equal(1, Long(quarantined["invalid-json"]));
        Assert.Equal(1, Long(quarantined["unknown-format"]));
        Assert.Equal(1, Long(quarantined["out-of-range"]));
        Assert.Equal(1, Long(quarantined["future-timestamp"]));
        Assert.Equal(6, Long(totals["bySource"]!["canonical"]!["received"]));
        Assert.Equal(2, Long(totals["bySource"]!["unknown"]!["received"]));
        AssertAddsUp(totals);

        var events = await _tables.RowsAsync(_tables.Events);
        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Matches("^[0-9]{10}-0[0-3]$", e.PartitionKey));
        var quarantine = await _tables.RowsAsync(_tables.Quarantine);
        Assert.Equal(4, quarantine.Count);
        Assert.Equal(["future-timestamp", "invalid-json", "out-of-range", "unknown-format"], quarantine.Select(q => q.GetString("Reason")).Order());
    }

    [Fact]
    public async Task A_committed_batch_records_the_lag_of_each_event_from_its_enqueued_time()
    {
        using var recorded = new RecordedMeasurements("cx.ingest.lag");
        var enqueued = DateTimeOffset.UtcNow.AddHours(-1);
        var batch = Enumerable.Range(1, 3).Select(i => At(Canonical($"lag-{i}", enqueued.AddSeconds(-i)), i, enqueued)).ToList();

        await IngestAsync(_client, _tables.EventHub, "2", batch);

        // An hour ago, give or take the test's own run time; no other test enqueues that far back.
        var lags = recorded.Of("cx.ingest.lag").Where(m => m.Value is >= 3600 and < 3900).ToList();
        Assert.Equal(3, lags.Count);
    }

    [Fact]
    public async Task Redelivering_the_same_batch_changes_no_row_and_no_counter()
    {
        await IngestAsync(_client, _tables.EventHub, "0", MixedBatch());
        var (_, before) = await OpsAsync(_client, "Auditor");
        await IngestAsync(_client, _tables.EventHub, "0", MixedBatch());
        var (_, after) = await OpsAsync(_client, "Auditor");

        Assert.Equal(before!.ToJsonString(), after!.ToJsonString());
        Assert.Equal(3, (await _tables.RowsAsync(_tables.Events)).Count);
        Assert.Equal(4, (await _tables.RowsAsync(_tables.Quarantine)).Count);
    }

    [Fact]
    public async Task Two_instances_ingesting_one_partition_at_once_both_succeed_and_count_every_event_once()
    {
        // While partitions move between instances two owners can briefly process the same partition: both write its KPI
        // rows, and the loser of each race redoes its batch from storage instead of failing the invocation.
        using var other = new HandlerServer(
            azurite.ConnectionString, """{"version":"2.0","functionTimeout":"00:01:00"}""", _tables.Settings);
        using var otherClient = other.Client();
        var answers = new List<HttpStatusCode>();
        for (var round = 0; round < 6; round++)
        {
            var batch = Enumerable.Range(0, 20)
                .Select(i => At(Canonical($"race-{round}-{i}", Now.AddSeconds(-90 + (round * 10) + i), conversation: $"c-{round}-{i}"),
                    (round * 20) + i + 1, Now))
                .ToList();
            var responses = await Task.WhenAll(
                InvokeAsync(_client, _tables.EventHub, "0", batch), InvokeAsync(otherClient, _tables.EventHub, "0", batch));
            answers.AddRange(responses.Select(r => r.StatusCode));
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        var (_, totals) = await OpsAsync(_client, "OpsAdmin");
        Assert.Equal((120L, 120L), (Long(totals!["received"]), Long(totals["stored"])));
        Assert.Equal(120, (await _tables.RowsAsync(_tables.Events)).Count);
    }

    [Fact]
    public async Task A_retry_after_a_half_stored_batch_counts_every_event_once()
    {
        var batch = Enumerable.Range(1, 40).Select(i => At(Canonical($"h{i}", Now.AddSeconds(-i)), i, Now)).ToList();

        // An earlier attempt stored the first half and died before counting: write those rows as it would have.
        var pipeline = _server.Services.GetRequiredService<IngestionPipeline>();
        var store = _server.Services.GetRequiredService<IngestionStore>();
        var buckets = _server.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IngestionOptions>>().Value.PartitionBuckets;
        await store.EnsureTablesAsync(CancellationToken.None);
        var firstHalf = batch.Take(20).Select(e =>
        {
            var raw = new RawEvent(e.Body, "3", e.Sequence, e.Enqueued, new Dictionary<string, string>());
            var outcome = pipeline.Process(raw, Now);
            return EventEntities.ForEvent(outcome.Event!, outcome.DedupeKey!, $"{_tables.EventHub}/{raw.Origin}", buckets);
        }).ToList();
        await IngestionStore.InsertAsync(store.Events, firstHalf, CancellationToken.None);

        await IngestAsync(_client, _tables.EventHub, "3", batch);

        var (_, totals) = await OpsAsync(_client, "Supervisor");
        Assert.Equal(40, Long(totals!["received"]));
        Assert.Equal(40, Long(totals["stored"]));
        Assert.Equal(0, Long(totals["duplicates"]));
        Assert.Equal(40, (await _tables.RowsAsync(_tables.Events)).Count);
    }

    [Fact]
    public async Task A_producer_duplicate_in_a_later_batch_is_a_duplicate_not_a_second_row()
    {
        await IngestAsync(_client, _tables.EventHub, "1", [At(Canonical("dup-1", Now.AddSeconds(-5)), 10, Now)]);
        await IngestAsync(_client, _tables.EventHub, "2", [At(Canonical("dup-1", Now.AddSeconds(-5)), 77, Now.AddSeconds(3))]);

        var (_, totals) = await OpsAsync(_client, "OpsAdmin");
        Assert.Equal(2, Long(totals!["received"]));
        Assert.Equal(1, Long(totals["stored"]));
        Assert.Equal(1, Long(totals["duplicates"]));
        Assert.Equal(2, Long(totals["partitions"]));
        var row = Assert.Single(await _tables.RowsAsync(_tables.Events));
        Assert.Equal($"{_tables.EventHub}/1:10", row.GetString("Origin"));
    }

    [Fact]
    public async Task Ops_ingestion_refuses_roles_outside_ops_supervisor_and_auditor()
    {
        Assert.Equal(403, (await OpsAsync(_client, "Agent")).Status);
        Assert.Equal(403, (await OpsAsync(_client, "TeamLead")).Status);
        Assert.Equal(401, (await OpsAsync(_client, null)).Status);
        var (status, empty) = await OpsAsync(_client, "OpsAdmin");
        Assert.Equal(200, status);
        Assert.Equal(0, Long(empty!["received"]));
    }

    [Fact]
    public async Task When_storage_is_unreachable_the_invocation_fails_so_the_host_retries()
    {
        var closedPort = AzuriteFixture.FreePort();
        using var offline = new HandlerServer(
            AzuriteFixture.ConnectionStringFor(closedPort, closedPort, closedPort),
            """{"version":"2.0","functionTimeout":"00:02:00"}""",
            _tables.Settings);
        using var client = offline.Client();
        using var response = await InvokeAsync(client, _tables.EventHub, "0", [At(Canonical("x1", Now), 1, Now)]);
        Assert.False(response.IsSuccessStatusCode, $"expected a failure, got {(int)response.StatusCode}");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}
