using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CxServerless.Domain.Analytics.Aggregation;
using CxServerless.Domain.Analytics.EventTime;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Events;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Functions.Tests.Retention;
using CxServerless.Testing;
using CxServerless.Workflows.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CxServerless.Functions.Tests.Rules;

/// <summary>
/// The real handler on Azurite with a fake clock at 01:00 UTC and a rules file whose only rule is a 60 s ceiling
/// (clear 45 s) on the wait per queue, 5-minute tumbling windows, opening on one breach. Yesterday's minute buckets
/// are written as the KPI writer stores them: two answered calls a minute on billing and sales at 30 s, with bumps
/// of the billing wait in the second half of the day (the backtest period).
/// </summary>
internal sealed class RecalibrationHarness : IDisposable
{
    public const string BaseVersion = "rt-1";

    /// <summary>Today 01:00 UTC.</summary>
    public static readonly DateTimeOffset Now = new(2032, 3, 10, 1, 0, 0, TimeSpan.Zero);

    /// <summary>Yesterday 00:00 UTC: the history's start.</summary>
    public static readonly DateTimeOffset Yesterday = new(2032, 3, 9, 0, 0, 0, TimeSpan.Zero);

    public static readonly string DraftVersion = BaseVersion + "-r20320310";

    private readonly string _rulesFolder;

    private RecalibrationHarness(
        AzuriteFixture azurite, string rulesFolder, Dictionary<string, string> tables, FakeTimeProvider clock, HandlerServer server)
    {
        Azurite = azurite;
        Clock = clock;
        _rulesFolder = rulesFolder;
        Tables = tables;
        Server = server;
        Http = server.Client();
    }

    /// <summary>A bump of the billing wait: minutes [From, From + Minutes) after yesterday 00:00.</summary>
    public sealed record Bump(int From, int Minutes, double Wait);

    public AzuriteFixture Azurite { get; }

    public Dictionary<string, string> Tables { get; }

    public HandlerServer Server { get; }

    public HttpClient Http { get; }

    public FakeTimeProvider Clock { get; }

    public static async Task<RecalibrationHarness> StartAsync(AzuriteFixture azurite, params Bump[] bumps)
    {
        var folder = Directory.CreateTempSubdirectory("cx-recal-").FullName;
        var rules = Path.Combine(folder, "rules.json");
        await File.WriteAllTextAsync(rules, $$"""
            {
              "version": "{{BaseVersion}}",
              "defaults": {
                "window": { "kind": "tumbling", "size": "5m" },
                "alerting": { "k": 1, "n": 1, "cooldown": "0s", "recoverAfter": 1 }
              },
              "recalibration": {
                "history": "1d", "backtest": "12h", "maxThresholdMovePercent": 25, "minFalseAlarms": 2, "approvalTimeout": "1h"
              },
              "rules": [
                {
                  "id": "wait", "kpi": "AverageSpeedOfAnswer", "slices": ["queue=*"],
                  "route": { "team": "queue-supervisors", "issueType": "queue-wait" },
                  "detectors": [ { "type": "static", "upper": 60, "clearUpper": 45, "severity": "Error" } ]
                }
              ]
            }
            """);
        var tables = new Dictionary<string, string>
        {
            ["CxRulesFile"] = rules,
            ["CxMetricBucketsTable"] = AzuriteFixture.UniqueName("rcmb"),
            ["CxAlertsTable"] = AzuriteFixture.UniqueName("rcal"),
            ["CxRulesVersionsTable"] = AzuriteFixture.UniqueName("rcrv"),
            ["CxFalseAlarmsTable"] = AzuriteFixture.UniqueName("rcfa"),
            ["CxTasksTable"] = AzuriteFixture.UniqueName("rctask"),
            ["CxAuditTable"] = AzuriteFixture.UniqueName("rcau"),
            ["CxAlertWarmUp"] = "1.06:00:00",
            ["CxKpiLookback"] = "1.06:00:00",
            ["CxKpiRefresh"] = "00:00:00",
        };
        var clock = new FakeTimeProvider(Now);
        var server = new HandlerServer(azurite.ConnectionString, settings: tables, services: s => s.AddSingleton<TimeProvider>(clock));
        var harness = new RecalibrationHarness(azurite, folder, tables, clock, server);
        await harness.WriteDayAsync(bumps);
        return harness;
    }

    public MetricBucketStore Buckets => new(new TableClient(Azurite.ConnectionString, Tables["CxMetricBucketsTable"]));

    /// <summary>Writes minute buckets of two answered calls a minute per queue over [from, to) minutes after yesterday 00:00.</summary>
    public async Task WriteMinutesAsync(int from, int to, params Bump[] bumps)
    {
        var accumulator = new MinuteBucketAccumulator("0", KpiSettings.Default);
        for (var minute = from; minute < to; minute++)
        {
            var bump = bumps.FirstOrDefault(b => minute >= b.From && minute < b.From + b.Minutes);
            foreach (var queue in new[] { "billing", "sales" })
            {
                var wait = queue == "billing" && bump is not null ? bump.Wait : 30;
                accumulator.Add(Answered(Yesterday.AddMinutes(minute).AddSeconds(10), wait, queue));
                accumulator.Add(Answered(Yesterday.AddMinutes(minute).AddSeconds(40), wait, queue));
            }
        }

        var store = Buckets;
        await store.EnsureCreatedAsync(CancellationToken.None);
        var rows = accumulator.Snapshot().GroupBy(b => b.Minute).Select(g =>
        {
            var row = new MinuteRow("0", g.Key);
            foreach (var bucket in g)
            {
                row.Merge(bucket);
            }

            return row;
        }).ToList();
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (row, token) =>
        {
            var (_, etag) = await store.ReadAsync("0", row.Minute, token);
            await store.WriteAsync(row, etag, token);
        });
        var clock = await store.ReadClockAsync("0", CancellationToken.None);
        var newest = Yesterday.AddMinutes(to);
        await store.WriteClockAsync(
            clock with { Clock = new PartitionClock("0", newest.AddMinutes(3), newest.AddMinutes(3)) }, CancellationToken.None);
    }

    private Task WriteDayAsync(Bump[] bumps) => WriteMinutesAsync(0, 1440 + 30, bumps);

    public Task<JsonObject> TickAsync(string function) => RetentionApi.TickAsync(Http, function);

    public Task<(int Status, JsonNode? Body)> CallAsync(
        string function, string role, string method, JsonObject? parameters = null, string? body = null, JsonObject? query = null) =>
        RetentionApi.CallAsync(Http, function, role, method, parameters, query, body);

    /// <summary>The stored alerts: id, rules version, opening window end.</summary>
    public async Task<List<(string Id, string Version, DateTimeOffset OpenedAt)>> AlertsAsync()
    {
        var alerts = new List<(string, string, DateTimeOffset)>();
        await foreach (var e in new TableClient(Azurite.ConnectionString, Tables["CxAlertsTable"]).QueryAsync<TableEntity>(
                           e => e.PartitionKey == "alert"))
        {
            alerts.Add((e.RowKey, e.GetString("RulesVersion")!, e.GetDateTimeOffset("OpenedAt")!.Value));
        }

        return [.. alerts.OrderBy(a => a.Item3)];
    }

    /// <summary>
    /// Labels each stored alert as people would have: a false alarm (a FalseAlarms row, as the inbox writes it) or a
    /// confirmed alert (its task resolved by a person), by which bump it opened in.
    /// </summary>
    public async Task LabelAsync(Func<DateTimeOffset, bool?> isFalseAlarm)
    {
        var falseAlarms = new TableClient(Azurite.ConnectionString, Tables["CxFalseAlarmsTable"]);
        var tasks = new TaskStore(new TableClient(Azurite.ConnectionString, Tables["CxTasksTable"]));
        await falseAlarms.CreateIfNotExistsAsync();
        foreach (var (id, _, opened) in await AlertsAsync())
        {
            var label = isFalseAlarm(opened);
            if (label == true)
            {
                await falseAlarms.AddEntityAsync(new TableEntity("falseAlarm", id)
                {
                    ["AlertId"] = id,
                    ["TaskId"] = "task-" + id,
                    ["Slice"] = "queue=billing",
                    ["Severity"] = "Error",
                    ["Reason"] = "callback campaign",
                    ["By"] = "lead-1",
                    ["At"] = Now,
                });
            }
            else if (label == false)
            {
                var task = new TaskRecord("task-" + id, id, "escalation-" + id, "wait", "Error", "AverageSpeedOfAnswer", "queue=billing",
                    "billing", "detected", TaskStatuses.Open, Now);
                await tasks.CreateIfAbsentAsync(task.ClosedAs("resolved", "moved staff", "lead-1", Now), CancellationToken.None);
            }
        }
    }

    private static CxEvent Answered(DateTimeOffset time, double wait, string queue) => new()
    {
        EventId = "e" + time.UtcTicks.ToString(CultureInfo.InvariantCulture) + queue,
        SourceSystem = "test",
        Type = CxEventType.ContactAnswered,
        EventTime = time,
        ConversationId = "c" + time.UtcTicks.ToString(CultureInfo.InvariantCulture) + queue,
        Channel = CxChannel.Voice,
        Queue = queue,
        Team = "team-" + queue,
        Region = "eu",
        Measures = new CxMeasures { WaitSeconds = wait },
    };

    public void Dispose()
    {
        Http.Dispose();
        Server.Dispose();
        foreach (var key in new[] { "CxFalseAlarmsTable", "CxTasksTable", "CxAuditTable" })
        {
            try
            {
                Azurite.Tables.DeleteTable(Tables[key]);
            }
            catch (Azure.RequestFailedException)
            {
                // Never made.
            }
        }

        Directory.Delete(_rulesFolder, recursive: true);
    }
}
