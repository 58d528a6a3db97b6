using System.Globalization;
using System.Text.Json.Nodes;
using CxServerless.Domain.Access;
using CxServerless.Functions.Audit;
using CxServerless.Functions.Security;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Functions.Tests.Retention;
using CxServerless.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CxServerless.Functions.Tests.Audit;

/// <summary>
/// <c>GET /api/audit</c> through the real handler on Azurite with a fake clock and an audit table of its own: the range,
/// actor and action filters, paging across day partitions with continuation tokens, bad input and roles.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class AuditListTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Day = new(2033, 3, 10, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Entries_come_newest_first_filtered_and_paged_across_days_and_bad_queries_are_refused()
    {
        var table = AzuriteFixture.UniqueName("aud");
        var clock = new FakeTimeProvider(Day.AddDays(-40));
        using var server = new HandlerServer(
            azurite.ConnectionString,
            settings: new Dictionary<string, string> { ["CxAuditTable"] = table },
            services: s => s.AddSingleton<TimeProvider>(clock));
        using var http = server.Client();
        try
        {
            var log = server.Services.GetRequiredService<AuditLog>();
            var alice = new CallerPrincipal("alice", "oid-alice", new HashSet<string> { CxRoles.Supervisor }, null, false);
            var bob = new CallerPrincipal("bob", "oid-bob", new HashSet<string> { CxRoles.OpsAdmin }, null, false);

            // Outside the queried range: 40 days earlier.
            await log.WriteAsync(alice, "GET Kpis", "/api/kpis", "200", CancellationToken.None);

            // The day before: three entries at 10:00, 11:00, 12:00. The day: five entries at 09:00 ... 13:00.
            var expected = new List<(DateTimeOffset Time, string Actor, string Action)>();
            foreach (var (at, caller, action) in new[]
            {
                (Day.AddDays(-1).AddHours(10), alice, "GET Kpis"),
                (Day.AddDays(-1).AddHours(11), bob, "PUT RosterReplace"),
                (Day.AddDays(-1).AddHours(12), alice, "GET Kpis"),
                (Day.AddHours(9), bob, "GET Kpis"),
                (Day.AddHours(10), alice, "GET Kpis"),
                (Day.AddHours(11), bob, "PUT RosterReplace"),
                (Day.AddHours(12), alice, "GET Alerts"),
                (Day.AddHours(13), bob, "GET Kpis"),
            })
            {
                clock.SetUtcNow(at);
                await log.WriteAsync(caller, action, "/api/x", "200", CancellationToken.None);
                expected.Add((at, caller.Name, action));
            }

            expected.Reverse(); // newest first

            // Later than the range, so that the audit entries of these very queries fall outside it.
            clock.SetUtcNow(Day.AddDays(5));
            var range = new JsonObject { ["from"] = Iso(Day.AddDays(-1)), ["to"] = Iso(Day.AddDays(1).AddTicks(-1)) };

            var all = await PagesAsync(http, range, top: 3);
            Assert.Equal([3, 3, 2], all.Select(p => p.Count));
            Assert.Equal(
                expected.Select(e => (e.Time, e.Actor, e.Action)),
                all.SelectMany(p => p).Select(e => (e["time"]!.GetValue<DateTimeOffset>(), e["actor"]!.GetValue<string>(),
                    e["action"]!.GetValue<string>())));

            var bobs = await PagesAsync(http, With(range, "actor", "oid-bob"), top: 100);
            Assert.Equal(4, bobs.Single().Count);
            var roster = await PagesAsync(http, With(With(range, "actor", "bob"), "action", "PUT RosterReplace"), top: 100);
            Assert.Equal(2, roster.Single().Count);

            // The default range is the last 24 hours: only these queries' own audit entries are in it.
            var recent = await RetentionApi.CallAsync(http, "AuditList", CxRoles.OpsAdmin, "GET");
            Assert.Equal(200, recent.Status);
            Assert.NotEmpty(recent.Body!["entries"]!.AsArray());
            Assert.All(recent.Body!["entries"]!.AsArray(), e => Assert.Equal("GET AuditList", e!["action"]!.GetValue<string>()));

            foreach (var bad in new JsonObject[]
            {
                new() { ["from"] = "yesterday" },
                new() { ["from"] = Iso(Day.AddDays(-40)), ["to"] = Iso(Day) },
                new() { ["from"] = Iso(Day), ["to"] = Iso(Day.AddDays(-1)) },
                new() { ["top"] = "0" },
                new() { ["top"] = "1001" },
                new() { ["continuationToken"] = "not-a-token" },
                With(range, "continuationToken", "djF8MjAwMDAxMDF8"), // a well-formed token for a day outside the range
            })
            {
                Assert.Equal(400, (await RetentionApi.CallAsync(http, "AuditList", CxRoles.Auditor, "GET", query: bad)).Status);
            }

            Assert.Equal(403, (await RetentionApi.CallAsync(http, "AuditList", CxRoles.Supervisor, "GET")).Status);
            Assert.Equal(403, (await RetentionApi.CallAsync(http, "AuditList", CxRoles.Agent, "GET")).Status);
            Assert.Equal(200, (await RetentionApi.CallAsync(http, "AuditList", CxRoles.Auditor, "GET")).Status);
        }
        finally
        {
            await azurite.Tables.DeleteTableAsync(table);
        }
    }

    private static async Task<List<List<JsonNode>>> PagesAsync(HttpClient http, JsonObject range, int top)
    {
        var pages = new List<List<JsonNode>>();
        string? token = null;
        do
        {
            var query = With(range, "top", top.ToString(CultureInfo.InvariantCulture));
            if (token is not null)
            {
                query["continuationToken"] = token;
            }

            var (status, body) = await RetentionApi.CallAsync(http, "AuditList", CxRoles.Auditor, "GET", query: query);
            Assert.Equal(200, status);
            pages.Add([.. body!["entries"]!.AsArray().Select(e => e!)]);
            token = body["continuationToken"]?.GetValue<string>();
            Assert.True(pages.Count < 20, "paging did not end");
        }
        while (token is not null);
        return pages;
    }

    private static JsonObject With(JsonObject query, string name, string value)
    {
        var copy = query.DeepClone().AsObject();
        copy[name] = value;
        return copy;
    }

    private static string Iso(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);
}
