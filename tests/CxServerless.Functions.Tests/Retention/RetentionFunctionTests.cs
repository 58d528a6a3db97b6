using Azure.Data.Tables;
using CxServerless.Domain.Access;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CxServerless.Functions.Tests.Retention;

/// <summary>
/// The retention functions through the real handler over real HTTP on Azurite, with a fake clock: legal holds set and
/// lifted by OpsAdmin, the <c>RetentionSweep</c> timer run twice, its counts at <c>GET /api/ops/retention</c> and one
/// audit entry per run.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class RetentionFunctionTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2032, 2, 20, 8, 0, 0, TimeSpan.Zero);
    private const string HeldCustomer = "c-k1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string FreeCustomer = "c-k1-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    [Fact]
    public async Task Holds_are_managed_by_ops_admins_and_the_sweep_keeps_held_rows_records_its_runs_and_audits_them()
    {
        var tables = new Dictionary<string, string>
        {
            ["CxEventsTable"] = AzuriteFixture.UniqueName("rfev"),
            ["CxQuarantineTable"] = AzuriteFixture.UniqueName("rfqu"),
            ["CxAuditTable"] = AzuriteFixture.UniqueName("rfau"),
            ["CxLegalHoldsTable"] = AzuriteFixture.UniqueName("rfho"),
            ["CxRetentionRunsTable"] = AzuriteFixture.UniqueName("rfru"),
        };
        var clock = new FakeTimeProvider(Now);
        using var server = new HandlerServer(
            azurite.ConnectionString, settings: tables, services: s => s.AddSingleton<TimeProvider>(clock));
        using var http = server.Client();
        var events = new TableClient(azurite.ConnectionString, tables["CxEventsTable"]);
        try
        {
            await events.CreateIfNotExistsAsync();
            var expiredHour = Now.AddDays(-31).UtcDateTime.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);
            await events.AddEntityAsync(new TableEntity($"{expiredHour}-00", "held") { ["CustomerKey"] = HeldCustomer });
            await events.AddEntityAsync(new TableEntity($"{expiredHour}-00", "free") { ["CustomerKey"] = FreeCustomer });

            var hold = Params("customer", HeldCustomer);
            const string Reason = """{"reason":"litigation, contact jane.doe@example.com"}""";
            var set = await RetentionApi.CallAsync(http, "LegalHoldPut", CxRoles.OpsAdmin, "PUT", hold, body: Reason);
            Assert.Equal(201, set.Status);
            Assert.DoesNotContain("jane.doe@example.com", set.Body!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(200, (await RetentionApi.CallAsync(http, "LegalHoldPut", CxRoles.OpsAdmin, "PUT", hold, body: Reason)).Status);
            Assert.Equal(403, (await RetentionApi.CallAsync(http, "LegalHoldPut", CxRoles.Auditor, "PUT", hold, body: Reason)).Status);
            Assert.Equal(400, (await RetentionApi.CallAsync(
                http, "LegalHoldPut", CxRoles.OpsAdmin, "PUT", Params("person", HeldCustomer), body: Reason)).Status);
            Assert.Equal(400, (await RetentionApi.CallAsync(
                http, "LegalHoldPut", CxRoles.OpsAdmin, "PUT", Params("customer", "jane@example.com"), body: Reason)).Status);
            Assert.Equal(400, (await RetentionApi.CallAsync(http, "LegalHoldPut", CxRoles.OpsAdmin, "PUT", hold, body: "{}")).Status);
            Assert.Equal(400, (await RetentionApi.CallAsync(http, "LegalHoldPut", CxRoles.OpsAdmin, "PUT", hold, body: "{oops")).Status);

            var list = await RetentionApi.CallAsync(http, "LegalHoldList", CxRoles.Auditor, "GET");
            Assert.Equal(200, list.Status);
            var listed = Assert.Single(list.Body!["holds"]!.AsArray());
            Assert.Equal(("customer", HeldCustomer), (listed!["kind"]!.GetValue<string>(), listed["id"]!.GetValue<string>()));
            Assert.Equal(403, (await RetentionApi.CallAsync(http, "LegalHoldList", CxRoles.Supervisor, "GET")).Status);

            var first = await RetentionApi.TickAsync(http, "RetentionSweep");
            clock.Advance(TimeSpan.FromDays(1)); // the next day's run
            var second = await RetentionApi.TickAsync(http, "RetentionSweep");
            Assert.Null(first["Error"]);
            Assert.Null(second["Error"]);
            Assert.Equal(["held"], await RowKeysAsync(events));

            var report = await RetentionApi.CallAsync(http, "OpsRetention", CxRoles.Auditor, "GET");
            Assert.Equal(200, report.Status);
            var runs = report.Body!["runs"]!.AsArray();
            Assert.Equal(2, runs.Count);
            Assert.Equal(0, runs[0]!["deleted"]!.GetValue<long>()); // newest first: the second run found nothing more
            Assert.Equal(1, runs[1]!["deleted"]!.GetValue<long>());
            var rawEvents = runs[1]!["classes"]!.AsArray().Single(c => c!["class"]!.GetValue<string>() == "rawEvents")!;
            Assert.Equal(
                (1L, 1L, 30),
                (rawEvents["deleted"]!.GetValue<long>(), rawEvents["held"]!.GetValue<long>(), rawEvents["days"]!.GetValue<int>()));
            var policy = report.Body!["policy"]!.AsArray();
            Assert.Equal(19, policy.Count); // the README table's 19 classes
            Assert.Equal(403, (await RetentionApi.CallAsync(http, "OpsRetention", CxRoles.Agent, "GET")).Status);
            var badTop = await RetentionApi.CallAsync(http, "OpsRetention", CxRoles.OpsAdmin, "GET", query: new() { ["top"] = "0" });
            Assert.Equal(400, badTop.Status);

            var audit = new TableClient(azurite.ConnectionString, tables["CxAuditTable"]);
            var sweepEntries = new List<TableEntity>();
            await foreach (var row in audit.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Actor eq {"system:RetentionSweep"}")))
            {
                sweepEntries.Add(row);
            }

            Assert.Equal(2, sweepEntries.Count);
            Assert.Contains(sweepEntries, e => e.GetString("Outcome")!.StartsWith("deleted 1, held 1", StringComparison.Ordinal));

            Assert.Equal(204, (await RetentionApi.CallAsync(http, "LegalHoldDelete", CxRoles.OpsAdmin, "DELETE", hold)).Status);
            Assert.Equal(404, (await RetentionApi.CallAsync(http, "LegalHoldDelete", CxRoles.OpsAdmin, "DELETE", hold)).Status);
            await RetentionApi.TickAsync(http, "RetentionSweep");
            Assert.Empty(await RowKeysAsync(events));
        }
        finally
        {
            foreach (var name in tables.Values)
            {
                await azurite.Tables.DeleteTableAsync(name);
            }
        }
    }

    private static System.Text.Json.Nodes.JsonObject Params(string kind, string id) => new() { ["kind"] = kind, ["id"] = id };

    private static async Task<List<string>> RowKeysAsync(TableClient table)
    {
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            keys.Add(row.RowKey);
        }

        return keys;
    }
}
