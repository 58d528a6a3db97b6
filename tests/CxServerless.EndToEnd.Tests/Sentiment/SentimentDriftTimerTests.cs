using System.Globalization;
using Azure.Data.Tables;
using CxHost.Configuration;
using CxHost.Hosting;
using CxServerless.EndToEnd.Tests.CxHost;
using CxServerless.Testing;
using Microsoft.Extensions.Logging;

namespace CxServerless.EndToEnd.Tests.Sentiment;

/// <summary>
/// cx-host drives the real handler's <c>SentimentDriftCheck</c> timer on its schedule (every two seconds through
/// <c>%CxSentimentDriftSchedule%</c>), against tables of the test's own on Azurite: every run is audited, and the day has
/// one history row however often the timer fires.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class SentimentDriftTimerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Cx_host_runs_the_drift_check_on_its_schedule_and_a_day_keeps_one_history_row()
    {
        var root = AzuriteFixture.RepositoryRoot();
        var appRoot = FunctionAppCopy.WithOnlyTimers(root, "SentimentDriftCheck");

        var tables = new[] { "CxSentimentDriftTable", "CxSentimentScoresTable", "CxAuditTable", "CxAlertsTable" }
            .ToDictionary(setting => setting, setting => AzuriteFixture.UniqueName("sd" + setting[2..8]));
        var settings = new Dictionary<string, string>(tables)
        {
            ["CxSentimentDriftSchedule"] = "*/2 * * * * *",
            ["CxAlertsQueue"] = AzuriteFixture.UniqueName("sdalerts").ToLowerInvariant(),
            ["Workflows__TaskHub"] = "sd" + Guid.NewGuid().ToString("N")[..16],
            ["Workflows__PartitionCount"] = "1",
        };
        var drift = new TableClient(azurite.ConnectionString, tables["CxSentimentDriftTable"]);
        var audit = new TableClient(azurite.ConnectionString, tables["CxAuditTable"]);
        try
        {
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
                await FixtureFunctionApp.EventuallyAsync(
                    () => RowsAsync(audit, TableClient.CreateQueryFilter($"Actor eq {"system:SentimentDriftCheck"}")),
                    rows => rows.Count >= 3,
                    TimeSpan.FromSeconds(120),
                    "three audited drift checks");
            }

            // Every run audited; the first checked yesterday (UTC), the later ones found it checked.
            var entries = await RowsAsync(audit, TableClient.CreateQueryFilter($"Actor eq {"system:SentimentDriftCheck"}"));
            Assert.Single(entries, e => !e.GetString("Outcome")!.StartsWith("already checked", StringComparison.Ordinal));
            Assert.True(entries.Count(e => e.GetString("Outcome")!.StartsWith("already checked", StringComparison.Ordinal)) >= 2);

            var runs = await RowsAsync(drift, TableClient.CreateQueryFilter($"PartitionKey eq {"run"}"));
            var run = Assert.Single(runs);
            var yesterday = DateTime.UtcNow.Date.AddDays(-1).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            var today = DateTime.UtcNow.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            var dayBefore = DateTime.UtcNow.Date.AddDays(-2).ToString("yyyyMMdd", CultureInfo.InvariantCulture); // past midnight
            Assert.Contains(run.RowKey, new[] { yesterday, dayBefore });
            Assert.NotEqual(today, run.RowKey);
            Assert.Equal(("ok", "local-lexicon", 300), (run.GetString("Status"), run.GetString("Scorer"), run.GetInt32("SampleSize")));
            Assert.True(run.GetBoolean("BaselineStarted"));
            Assert.Null(run.GetDouble("Psi")); // no stored scores: too few for the index
            Assert.Single(await RowsAsync(drift, TableClient.CreateQueryFilter($"PartitionKey eq {"baseline"}")));
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

    private static async Task<List<TableEntity>> RowsAsync(TableClient table, string filter)
    {
        var rows = new List<TableEntity>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter))
            {
                rows.Add(row);
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // Not created yet.
        }

        return rows;
    }
}
