using CsCheck;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Testing;
using static CxServerless.Functions.Tests.Ingestion.IngestionClient;
using static CxServerless.Functions.Tests.Ingestion.TestCorpus;

namespace CxServerless.Functions.Tests.Ingestion;

/// <summary>
/// Random batches of valid, duplicated, broken and hostile events through the real handler on Azurite. After every
/// batch: the invocation succeeded, received grew by the batch size, the counters add up, and the tables hold exactly
/// as many event rows as stored and quarantine rows as quarantined.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class IngestionPropertyTests(AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private readonly IngestionTables _tables = new(azurite);
    private HandlerServer _server = null!;
    private HttpClient _client = null!;
    private long _sequence;

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

    private static Gen<string> Body(DateTimeOffset now) => Gen.Frequency(
        (4, Gen.Int[0, 30].Select(i => Canonical($"p-{i}", now.AddSeconds(-i), text: $"note {i} for a{i}@example.com"))),
        (1, Gen.Int[0, 12].Select(csat => Canonical($"s-{csat}", now.AddMinutes(-csat), type: "SurveyResponse", channel: "survey", csat: csat))),
        (1, Gen.Int[-3, 3].Select(days => Canonical($"t-{days}", now.AddDays(days * 300)))),
        (1, Gen.String[0, 60]),
        (1, Gen.Char["{}[]\":,01abc\ud83d"].Array[0, 40].Select(c => new string(c))),
        (1, Gen.Const("""{"ContactId":"x","InitiationMethod":"INBOUND","Channel":"TASK"}""")));

    [Fact]
    public async Task Random_batches_are_all_stored_or_quarantined_and_the_counters_add_up_exactly()
    {
        var now = DateTimeOffset.UtcNow;
        long received = 0;
        await Body(now).Array[1, 25].SampleAsync(async bodies =>
        {
            var batch = bodies.Select(b => At(b, ++_sequence, now)).ToList();
            await IngestAsync(_client, _tables.EventHub, "0", batch);
            received += batch.Count;

            var (_, totals) = await OpsAsync(_client, "OpsAdmin");
            Assert.Equal(received, Long(totals!["received"]));
            AssertAddsUp(totals);
            Assert.Equal(Long(totals["stored"]), (await _tables.RowsAsync(_tables.Events)).Count);
            Assert.Equal(Long(totals["quarantinedTotal"]), (await _tables.RowsAsync(_tables.Quarantine)).Count);
        }, iter: 15, threads: 1);
    }
}
