using System.Globalization;
using Azure.Data.Tables;
using CxHost.Configuration;
using CxHost.Hosting;
using CxServerless.EndToEnd.Tests.CxHost;
using CxServerless.Testing;
using Microsoft.Extensions.Logging;

namespace CxServerless.EndToEnd.Tests.Retention;

/// <summary>
/// cx-host drives the real handler's <c>RetentionSweep</c> and <c>PurgeWorkflowHistory</c> timers on their schedules
/// (set to every two seconds through their <c>%setting%</c>), against tables of the test's own on Azurite.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class RetentionTimerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Cx_host_runs_both_retention_timers_on_their_schedule_and_a_repeated_sweep_deletes_nothing()
    {
        var root = AzuriteFixture.RepositoryRoot();
        var appRoot = FunctionAppCopy.WithOnlyTimers(root, "RetentionSweep", "PurgeWorkflowHistory");

        var tables = new[]
            {
                "CxEventsTable", "CxQuarantineTable", "CxMetricBucketsTable", "CxAlertsTable", "CxBaselinesTable", "CxLateEventsTable",
                "CxTasksTable", "CxNotificationsTable", "CxAuditTable", "CxLegalHoldsTable", "CxRetentionRunsTable",
                "CxFirstContactsTable",
            }
            .ToDictionary(setting => setting, setting => AzuriteFixture.UniqueName("rt" + setting[2..6]));
        var settings = new Dictionary<string, string>(tables)
        {
            ["CxRetentionSchedule"] = "*/2 * * * * *",
            ["CxWorkflowPurgeSchedule"] = "*/2 * * * * *",
            ["Workflows__TaskHub"] = "rt" + Guid.NewGuid().ToString("N")[..16],
            ["Workflows__PartitionCount"] = "1",
        };
        var events = new TableClient(azurite.ConnectionString, tables["CxEventsTable"]);
        var audit = new TableClient(azurite.ConnectionString, tables["CxAuditTable"]);
        var runs = new TableClient(azurite.ConnectionString, tables["CxRetentionRunsTable"]);
        try
        {
            // An event 40 days old and one an hour old (raw events are kept 30 days); an audit day three years ago.
            await events.CreateAsync();
            await events.AddEntityAsync(new TableEntity(Hour(DateTimeOffset.UtcNow.AddDays(-40)) + "-00", "old"));
            await events.AddEntityAsync(new TableEntity(Hour(DateTimeOffset.UtcNow.AddHours(-1)) + "-00", "new"));
            await audit.CreateAsync();
            await audit.AddEntityAsync(new TableEntity(
                DateTimeOffset.UtcNow.AddYears(-3).ToString("yyyyMMdd", CultureInfo.InvariantCulture), "old"));

            var options = new CxHostOptions
            {
                AppRoot = appRoot,
                Port = AzuriteFixture.FreePort(),
                HandlerOverride = FunctionAppCopy.HandlerAssembly(root),
                Storage = azurite.ConnectionString,
                ExtraSettings = settings,
            };
            await using (var host = new CxHostApplication(options, LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning))))
            {
                await host.StartAsync(CancellationToken.None);
                var recorded = await FixtureFunctionApp.EventuallyAsync(
                    () => RunsAsync(runs),
                    r => r.Count(x => x.Job == "RetentionSweep") >= 2 && r.Any(x => x.Job == "PurgeWorkflowHistory"),
                    TimeSpan.FromSeconds(90),
                    "two sweeps and a purge");

                // Oldest first: the first sweep deleted the old event and the old audit day, the next ones nothing.
                var sweeps = recorded.Where(r => r.Job == "RetentionSweep").OrderBy(r => r.StartedAt).ToList();
                Assert.Equal(2, sweeps[0].Deleted);
                Assert.All(sweeps.Skip(1), s => Assert.Equal(0, s.Deleted));
            }

            var left = new List<string>();
            await foreach (var row in events.QueryAsync<TableEntity>())
            {
                left.Add(row.RowKey);
            }

            Assert.Equal(["new"], left);
            var sweepAudits = 0;
            await foreach (var row in audit.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Actor eq {"system:RetentionSweep"}")))
            {
                sweepAudits++;
            }

            Assert.True(sweepAudits >= 2, $"expected an audit entry per sweep, found {sweepAudits}");
        }
        finally
        {
            foreach (var name in tables.Values)
            {
                await azurite.Tables.DeleteTableAsync(name);
            }

            Directory.Delete(appRoot, recursive: true);
        }
    }

    private static string Hour(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    private static async Task<List<(string Job, DateTimeOffset StartedAt, long Deleted)>> RunsAsync(TableClient runs)
    {
        var found = new List<(string, DateTimeOffset, long)>();
        try
        {
            await foreach (var row in runs.QueryAsync<TableEntity>())
            {
                found.Add((row.GetString("Job")!, row.GetDateTimeOffset("StartedAt")!.Value, row.GetInt64("Deleted") ?? 0));
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // No run has finished yet.
        }

        return found;
    }
}
