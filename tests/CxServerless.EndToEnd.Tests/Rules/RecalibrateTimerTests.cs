using Azure.Data.Tables;
using CxHost.Configuration;
using CxHost.Hosting;
using CxServerless.EndToEnd.Tests.CxHost;
using CxServerless.Testing;
using Microsoft.Extensions.Logging;

namespace CxServerless.EndToEnd.Tests.Rules;

/// <summary>
/// cx-host drives the real handler's <c>Recalibrate</c> timer on its schedule (every two seconds through
/// <c>%CxRecalibrateSchedule%</c>) against tables of the test's own: the deployed rules file seeds the rules versions,
/// and runs without history write an audit entry each and no draft.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class RecalibrateTimerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Cx_host_runs_the_recalibration_on_its_schedule_and_repeated_runs_write_no_draft()
    {
        var root = AzuriteFixture.RepositoryRoot();
        var appRoot = FunctionAppCopy.WithOnlyTimers(root, "Recalibrate");

        var tables = new[]
            {
                "CxMetricBucketsTable", "CxAlertsTable", "CxBaselinesTable", "CxLateEventsTable", "CxTasksTable", "CxNotificationsTable",
                "CxFalseAlarmsTable", "CxAuditTable", "CxRulesVersionsTable",
            }
            .ToDictionary(setting => setting, setting => AzuriteFixture.UniqueName("rc" + setting[2..6]));
        var settings = new Dictionary<string, string>(tables)
        {
            ["CxRecalibrateSchedule"] = "*/2 * * * * *",
            ["Workflows__TaskHub"] = "rc" + Guid.NewGuid().ToString("N")[..16],
            ["Workflows__PartitionCount"] = "1",
        };
        var audit = new TableClient(azurite.ConnectionString, tables["CxAuditTable"]);
        var versions = new TableClient(azurite.ConnectionString, tables["CxRulesVersionsTable"]);
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
                var runs = await FixtureFunctionApp.EventuallyAsync(
                    () => OutcomesAsync(audit),
                    r => r.Count >= 2,
                    TimeSpan.FromSeconds(90),
                    "two recalibration runs");
                Assert.All(runs, o => Assert.Equal("no final KPI data yet; nothing to recalibrate", o));
            }

            var rows = new List<(string Key, string? Status)>();
            await foreach (var row in versions.QueryAsync<TableEntity>())
            {
                rows.Add((row.RowKey, row.GetString("Status") ?? row.GetString("Version")));
            }

            // The shipped file's version (read from its JSON text, not through the app's parser), active, and the pointer
            // to it; no draft.
            var shipped = System.Text.Json.Nodes.JsonNode.Parse(
                await File.ReadAllTextAsync(Path.Combine(root, "functions", "rules", "cx-rules.v1.json")))!["version"]!.GetValue<string>();
            Assert.Equal([(shipped, "active"), ("~active", shipped)], rows.OrderBy(r => r.Key, StringComparer.Ordinal));
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

    private static async Task<List<string>> OutcomesAsync(TableClient audit)
    {
        var found = new List<string>();
        try
        {
            var filter = TableClient.CreateQueryFilter($"Actor eq {"system:Recalibrate"}");
            await foreach (var row in audit.QueryAsync<TableEntity>(filter))
            {
                found.Add(row.GetString("Outcome") ?? string.Empty);
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // No run has finished yet.
        }

        return found;
    }
}
