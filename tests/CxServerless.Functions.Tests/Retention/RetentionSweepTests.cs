using Azure.Data.Tables;
using CxServerless.Functions.Retention;
using CxServerless.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CxServerless.Functions.Tests.Retention;

/// <summary>
/// The retention sweep on real Azurite with a fake clock: for every data class, rows just past the documented default
/// limit go, rows just inside it stay, rows under a legal hold stay; a second run deletes nothing. The limits below are
/// the README's defaults, written out here rather than read from the code.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class RetentionSweepTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2031, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private const string HeldCustomer = "c-k1-0123456789abcdef0123456789abcdef";
    private const string FreeCustomer = "c-k1-fedcba9876543210fedcba9876543210";

    private readonly Dictionary<string, TableClient> _tables = new[]
        {
            "ev", "qu", "le", "mb", "al", "bl", "ta", "no", "au", "ci", "er", "fa", "ho", "holds",
        }
        .ToDictionary(k => k, k => new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("ret" + k)));

    public async Task InitializeAsync()
    {
        foreach (var table in _tables.Values)
        {
            await table.CreateIfNotExistsAsync();
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var table in _tables.Values)
        {
            await table.DeleteAsync();
        }
    }

    [Fact]
    public async Task Rows_past_their_class_limit_go_newer_and_held_rows_stay_and_a_second_run_deletes_nothing()
    {
        await SeedAsync();
        var holds = new LegalHoldStore(_tables["holds"]);
        await holds.SetAsync(new LegalHold(LegalHoldKinds.Customer, HeldCustomer, "dispute", "ops-1", Now), CancellationToken.None);
        await holds.SetAsync(new LegalHold(LegalHoldKinds.Case, "conv-held", "complaint", "ops-1", Now), CancellationToken.None);
        await holds.SetAsync(new LegalHold(LegalHoldKinds.Case, "alert-held", "incident review", "ops-1", Now), CancellationToken.None);
        await holds.SetAsync(new LegalHold(LegalHoldKinds.Case, "task-77", "grievance", "ops-1", Now), CancellationToken.None);
        var sweeper = Sweeper(holds);

        var first = await sweeper.RunAsync(CancellationToken.None);

        Assert.Equal(
            new Dictionary<string, (long, long, string)>
            {
                ["rawEvents"] = (150 + 1, 2, "swept"),
                ["customerIndex"] = (1, 1, "swept"),
                ["quarantine"] = (1, 1, "swept"),
                ["lateEvents"] = (1, 0, "swept"),
                ["metricBuckets"] = (1, 0, "swept"),
                ["sentimentScores"] = (0, 0, "notStored"), // these tables have no SentimentScores (SentimentScoresRetentionTests)
                ["firstContacts"] = (0, 0, "notStored"), // nor FirstContacts (FirstContactsRetentionTests)
                ["alerts"] = (2, 1, "swept"),
                ["baselines"] = (1, 0, "swept"),
                ["tasks"] = (1, 1, "swept"),
                ["notifications"] = (1, 1, "swept"),
                ["falseAlarms"] = (1, 1, "swept"),
                ["handovers"] = (1, 0, "swept"),
                ["feedbackLoops"] = (0, 0, "notStored"),
                ["feedbackReport"] = (0, 0, "notStored"),
                ["interventions"] = (0, 0, "notStored"),
                ["audit"] = (1, 0, "swept"),
                ["erasureReceipts"] = (1, 0, "swept"),
            },
            first.Classes.ToDictionary(c => c.Class, c => (c.Deleted, c.Held, c.Status)));

        Assert.Equal(["held-conversation", "held-customer", "new"], await RowKeysAsync("ev", "PartitionKey ne ''"));
        Assert.Equal(["held", "new"], await RowKeysAsync("qu", "PartitionKey ne ''"));
        Assert.Equal(["p0|new"], await RowKeysAsync("le", "PartitionKey ne ''"));
        Assert.Equal(["0", "new"], await RowKeysAsync("mb", "PartitionKey ne ''"));
        Assert.Equal(["alert-held", "alert-new", "alert-open", "alert-unannounced"], await RowKeysAsync("al", "PartitionKey ne ''"));
        Assert.Equal([Minute(Now.AddDays(-89))], await RowKeysAsync("bl", "PartitionKey ne ''"));
        Assert.Equal(["task-held", "task-new", "task-open"], await RowKeysAsync("ta", "PartitionKey eq 'task'"));
        Assert.Empty(await RowKeysAsync("ta", "PartitionKey eq 'tl-task-old'"));
        Assert.Equal(["t1"], await RowKeysAsync("ta", "PartitionKey eq 'tl-task-held'"));
        Assert.Equal(["new", "held"], await RowKeysAsync("no", "PartitionKey ne ''"));
        Assert.Equal(["new"], await RowKeysAsync("au", "PartitionKey ne ''"));
        Assert.Equal(
            [$"{HeldCustomer}|{Hour(Now.AddDays(-32))}-01|old", $"{FreeCustomer}|{Hour(Now.AddDays(-29))}-00|new"],
            await RowKeysAsync("ci", "PartitionKey ne ''"));
        Assert.Equal(["er-new", "er-running"], await RowKeysAsync("er", "PartitionKey ne ''"));
        Assert.Equal(["alert-held", "alert-new"], await RowKeysAsync("fa", "PartitionKey ne ''"));
        Assert.Equal([Minute(Now.AddDays(-89))], await RowKeysAsync("ho", "PartitionKey ne ''"));

        var second = await sweeper.RunAsync(CancellationToken.None);
        Assert.Equal(0, second.Deleted);
        Assert.Equal(first.Held, second.Held);

        // Lifting the customer hold lets the next run delete that customer's expired event and index row, and only them.
        Assert.True(await holds.LiftAsync(LegalHoldKinds.Customer, HeldCustomer, CancellationToken.None));
        var third = await sweeper.RunAsync(CancellationToken.None);
        Assert.Equal(2, third.Deleted);
        Assert.Equal(1, third.Classes.Single(c => c.Class == "customerIndex").Deleted);
        Assert.Equal(["held-conversation", "new"], await RowKeysAsync("ev", "PartitionKey ne ''"));
    }

    [Fact]
    public async Task Missing_tables_are_reported_and_not_an_error()
    {
        var missing = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("retnone"));
        var tables = new RetentionTables(
            missing, missing, missing, missing, missing, missing, missing, missing, missing, missing, missing, missing, missing);
        var sweeper = new RetentionSweeper(
            tables, new LegalHoldStore(missing), Options.Create(new RetentionOptions()), new FakeTimeProvider(Now),
            NullLogger<RetentionSweeper>.Instance);

        var run = await sweeper.RunAsync(CancellationToken.None);

        Assert.False(run.Failed);
        Assert.All(run.Classes, c => Assert.Contains(c.Status, new[] { "noTable", "notStored" }));
    }

    private RetentionSweeper Sweeper(LegalHoldStore holds) => new(
        new RetentionTables(
            _tables["ev"], _tables["qu"], _tables["le"], _tables["mb"], _tables["al"], _tables["bl"], _tables["ta"], _tables["no"],
            _tables["au"], _tables["ci"], _tables["er"], _tables["fa"], _tables["ho"]),
        holds,
        Options.Create(new RetentionOptions()),
        new FakeTimeProvider(Now),
        NullLogger<RetentionSweeper>.Instance);

    private async Task<List<string>> RowKeysAsync(string table, string filter)
    {
        var keys = new List<string>();
        await foreach (var row in _tables[table].QueryAsync<TableEntity>(filter))
        {
            keys.Add(row.RowKey);
        }

        return keys;
    }

    private static string Hour(DateTimeOffset t) => t.UtcDateTime.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Minute(DateTimeOffset t) =>
        (t.UtcTicks / TimeSpan.TicksPerMinute).ToString("D12", System.Globalization.CultureInfo.InvariantCulture);

    private async Task SeedAsync()
    {
        // Raw events, 30 days by event hour: 150 expired rows of one partition (two transactions), one expired row of a free
        // customer, expired rows of a held customer and a held conversation, one row 29 days old.
        var old = Now.AddDays(-31);
        var oldEvents = Enumerable.Range(0, 150)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity($"{Hour(old)}-00", $"bulk-{i:D3}")
            {
                ["CustomerKey"] = FreeCustomer,
                ["ConversationId"] = $"conv-{i}",
            }))
            .ToList();
        await _tables["ev"].SubmitTransactionAsync(oldEvents.Take(100));
        await _tables["ev"].SubmitTransactionAsync(oldEvents.Skip(100));
        await Add("ev", $"{Hour(old)}-01", "free", ("CustomerKey", FreeCustomer), ("ConversationId", "conv-x"));
        await Add("ev", $"{Hour(old)}-01", "held-customer", ("CustomerKey", HeldCustomer), ("ConversationId", "conv-y"));
        await Add(
            "ev", $"{Hour(Now.AddDays(-40))}-00", "held-conversation", ("CustomerKey", FreeCustomer), ("ConversationId", "conv-held"));
        await Add("ev", $"{Hour(Now.AddDays(-29))}-00", "new", ("CustomerKey", FreeCustomer), ("ConversationId", "conv-z"));

        // Quarantine, 14 days by ingest day; a payload that names a held conversation stays.
        await Add("qu", $"{Day(Now.AddDays(-15))}-0", "old", ("Payload", "{\"conversationId\":\"conv-other\"}"));
        await Add("qu", $"{Day(Now.AddDays(-15))}-0", "held", ("Payload", "{\"conversationId\":\"conv-held\"}"));
        await Add("qu", $"{Day(Now.AddDays(-13))}-0", "new", ("Payload", "{}"));

        // Late events, 30 days by arrival.
        await Add("le", "late", "p0|old", ("ArrivedAt", Now.AddDays(-31)));
        await Add("le", "late", "p0|new", ("ArrivedAt", Now.AddDays(-29)));

        // Metric buckets, 90 days by minute; the clock row is not a bucket.
        await Add("mb", "m" + Minute(Now.AddDays(-91)), "old");
        await Add("mb", "m" + Minute(Now.AddDays(-89)), "new");
        await Add("mb", "clock", "0", ("Watermark", Now.AddDays(-400)));

        // Alerts, 365 days after resolution. Open alerts and an alert whose resolution is not yet announced stay.
        await Add("al", "alert", "alert-old", ("ResolvedAt", Now.AddDays(-366)), ("Version", 2), ("NotifiedVersion", 2));
        await Add("al", "alert", "alert-unannounced", ("ResolvedAt", Now.AddDays(-366)), ("Version", 3), ("NotifiedVersion", 2));
        await Add("al", "alert", "alert-open", ("OpenedAt", Now.AddDays(-500)), ("Version", 1), ("NotifiedVersion", 1));
        await Add("al", "alert", "alert-new", ("ResolvedAt", Now.AddDays(-364)), ("Version", 2), ("NotifiedVersion", 2));
        await Add("al", "alert", "alert-held", ("ResolvedAt", Now.AddDays(-400)), ("Version", 2), ("NotifiedVersion", 2));
        await Add("al", "manual", "manual-old", ("ResolvedAt", Now.AddDays(-366)), ("Version", 2));

        // Baselines, 90 days by window end minute.
        await Add("bl", "Aht|all", Minute(Now.AddDays(-91)));
        await Add("bl", "Aht|all", Minute(Now.AddDays(-89)));

        // Tasks, 365 days after closing, with their timelines; an open task never goes.
        await Add("ta", "task", "task-old", ("Status", "resolved"), ("ClosedAt", Now.AddDays(-366)), ("AlertId", "alert-x"));
        await Add("ta", "tl-task-old", "t1");
        await Add("ta", "tl-task-old", "t2");
        await Add("ta", "task", "task-open", ("Status", "open"), ("CreatedAt", Now.AddDays(-900)), ("AlertId", "alert-y"));
        await Add("ta", "task", "task-new", ("Status", "resolved"), ("ClosedAt", Now.AddDays(-364)), ("AlertId", "alert-z"));
        await Add("ta", "task", "task-held", ("Status", "resolved"), ("ClosedAt", Now.AddDays(-900)), ("AlertId", "alert-held"));
        await Add("ta", "tl-task-held", "t1");

        // Notifications, 90 days; they carry only a task id, so a case hold on that task id keeps one.
        await Add("no", "person-1", "old", ("At", Now.AddDays(-91)), ("TaskId", "task-x"));
        await Add("no", "person-1", "new", ("At", Now.AddDays(-89)), ("TaskId", "task-x"));
        await Add("no", "person-2", "held", ("At", Now.AddDays(-91)), ("TaskId", "task-77"));

        // Customer index, the raw events' 30 days by event day; a held customer's rows stay.
        await Add("ci", $"{Day(Now.AddDays(-32))}-00", $"{FreeCustomer}|{Hour(Now.AddDays(-32))}-00|old");
        await Add("ci", $"{Day(Now.AddDays(-32))}-01", $"{HeldCustomer}|{Hour(Now.AddDays(-32))}-01|old");
        await Add("ci", $"{Day(Now.AddDays(-29))}-00", $"{FreeCustomer}|{Hour(Now.AddDays(-29))}-00|new");

        // Erasure receipts, 2,190 days after completion; a request still running has no CompletedAt and stays.
        await Add("er", "erasure", "er-old", ("CompletedAt", Now.AddDays(-2191)));
        await Add("er", "erasure", "er-new", ("CompletedAt", Now.AddDays(-2189)));
        await Add("er", "erasure", "er-running", ("RequestedAt", Now.AddDays(-3000)));

        // False alarms, 365 days after flagging; a case hold on the alert keeps its row.
        await Add("fa", "falseAlarm", "alert-old", ("At", Now.AddDays(-366)), ("TaskId", "task-a"));
        await Add("fa", "falseAlarm", "alert-held", ("At", Now.AddDays(-400)), ("TaskId", "task-b"));
        await Add("fa", "falseAlarm", "alert-new", ("At", Now.AddDays(-364)), ("TaskId", "task-c"));

        // Handovers, 90 days by boundary; partitions are teams.
        await Add("ho", "team-a", Minute(Now.AddDays(-91)), ("At", Now.AddDays(-91)));
        await Add("ho", "team-b", Minute(Now.AddDays(-89)), ("At", Now.AddDays(-89)));

        // Audit, 730 days by day partition.
        await Add("au", Day(Now.AddDays(-731)), "old");
        await Add("au", Day(Now.AddDays(-729)), "new");
    }

    private async Task Add(string table, string partition, string row, params (string Name, object Value)[] columns)
    {
        var entity = new TableEntity(partition, row);
        foreach (var (name, value) in columns)
        {
            entity[name] = value;
        }

        await _tables[table].AddEntityAsync(entity);
    }
}
