using Azure.Data.Tables;
using CxServerless.Testing;

namespace CxServerless.Functions.Tests.Ingestion;

/// <summary>Unique ingestion table names for one test, the settings that point the handler at them, and clean-up.</summary>
internal sealed class IngestionTables(AzuriteFixture azurite)
{
    public string Events { get; } = AzuriteFixture.UniqueName("ev");

    public string Quarantine { get; } = AzuriteFixture.UniqueName("qu");

    public string Counters { get; } = AzuriteFixture.UniqueName("co");

    public string EventHub { get; } = AzuriteFixture.UniqueName("hub");

    public string MetricBuckets { get; } = AzuriteFixture.UniqueName("mb");

    public string LateEvents { get; } = AzuriteFixture.UniqueName("le");

    public string CustomerIndex { get; } = AzuriteFixture.UniqueName("ci");

    public string FirstContacts { get; } = AzuriteFixture.UniqueName("fc");

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["CxEventsTable"] = Events,
        ["CxQuarantineTable"] = Quarantine,
        ["CxIngestCountersTable"] = Counters,
        ["CxMetricBucketsTable"] = MetricBuckets,
        ["CxLateEventsTable"] = LateEvents,
        ["CxFirstContactsTable"] = FirstContacts,
        ["CxCustomerIndexTable"] = CustomerIndex,
        ["CxPseudonymKey"] = "functions-tests-pseudonym-key-0123456789",
    };

    public TableClient Table(string name) => azurite.Tables.GetTableClient(name);

    public async Task<List<TableEntity>> RowsAsync(string table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table(table).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    public async Task DeleteAsync()
    {
        foreach (var name in new[] { Events, Quarantine, Counters, MetricBuckets, LateEvents, CustomerIndex, FirstContacts })
        {
            await Table(name).DeleteAsync();
        }
    }
}
