using Azure.Data.Tables;
using CxServerless.Domain.Events;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Retention;
using CxServerless.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CxServerless.Functions.Tests.Retention;

/// <summary>
/// The retention sweep deletes first-contact state older than <c>Retention__FirstContactsDays</c> (10): contact starts of
/// whole weeks before the cutoff's week, and contacts due before the cutoff that were never settled.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class FirstContactsRetentionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // Sunday 2031-06-15 12:00; the cutoff, 10 days back, is Thursday 2031-06-05 12:00, in the week that began Monday 06-02.
    private static readonly DateTimeOffset Now = new(2031, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromDays(7);
    private readonly TableClient _table = azurite.Tables.GetTableClient(AzuriteFixture.UniqueName("retfc"));
    private readonly TableClient _missing = azurite.Tables.GetTableClient(AzuriteFixture.UniqueName("retnone"));

    public Task InitializeAsync() => _table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => _table.DeleteAsync();

    [Fact]
    public async Task Starts_of_weeks_before_the_cutoff_and_unsettled_contacts_due_before_it_are_deleted_once()
    {
        var store = new FirstContactStore(_table, 2);
        var starts = new[] { ("start-25d", 25.0), ("start-18d", 18.0), ("start-12d", 12.0), ("start-2d", 2.0) }
            .Select(s => Event(s.Item1, CxEventType.ContactStarted, Now.AddDays(-s.Item2)));
        // Due 13 days ago (ended 20 days ago), 3 days ago and in 6 days.
        var ends = new[] { ("end-20d", 20.0), ("end-10d", 10.0), ("end-1d", 1.0) }
            .Select(s => Event(s.Item1, CxEventType.ContactEnded, Now.AddDays(-s.Item2)) with { Outcome = CxOutcome.Resolved })
            .ToList();
        await store.RecordAsync("hub|$Default|0", starts, ends, Window, CancellationToken.None);

        var m = _missing;
        var sweeper = new RetentionSweeper(
            new RetentionTables(m, m, m, m, m, m, m, m, m, m, m, m, m, FirstContacts: _table),
            new LegalHoldStore(m),
            Options.Create(new RetentionOptions()),
            new FakeTimeProvider(Now),
            NullLogger<RetentionSweeper>.Instance);

        var first = await sweeper.RunAsync(CancellationToken.None);
        var second = await sweeper.RunAsync(CancellationToken.None);

        var counted = first.Classes.Single(c => c.Class == "firstContacts");
        Assert.Equal(("swept", 3L, 10), (counted.Status, counted.Deleted, counted.Days)); // start-25d, start-18d, end-20d
        Assert.Equal(0, second.Classes.Single(c => c.Class == "firstContacts").Deleted);
        var left = new List<string>();
        await foreach (var row in _table.QueryAsync<TableEntity>())
        {
            left.Add(row.PartitionKey.StartsWith('d') ? row.GetDateTimeOffset("EndedAt")!.Value.ToString("O") : row.RowKey.Split('|')[0]);
        }

        Assert.Equal(
            [Now.AddDays(-10).ToString("O"), Now.AddDays(-1).ToString("O"), "start-12d", "start-2d"],
            left.Order(StringComparer.Ordinal));
    }

    private static CxEvent Event(string customer, CxEventType type, DateTimeOffset time) => new()
    {
        EventId = customer,
        Type = type,
        EventTime = time,
        IngestTime = time,
        SourceSystem = "test",
        ConversationId = "conv-" + customer,
        CustomerKey = customer,
        Channel = CxChannel.Voice,
    };
}
