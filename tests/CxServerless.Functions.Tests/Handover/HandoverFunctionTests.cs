using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CxServerless.Domain.Access;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Detection;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Handover;
using CxServerless.Functions.Security;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Functions.Tests.Tasks;
using CxServerless.Testing;
using CxServerless.Workflows.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Functions.Tests.Handover;

/// <summary>
/// <c>WriteHandovers</c> and <c>GET /api/handovers/latest</c> through the real handler over real HTTP on Azurite. The
/// test's routing file puts the billing leads' shift start two minutes before now (UTC, every day), so the boundary
/// has just passed and the outgoing shift is the 24 hours before it. Alerts, tasks and baselines are seeded around it;
/// the expected counts are worked out by hand in the comments.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class HandoverFunctionTests(AzuriteFixture azurite)
{
    private static readonly JsonObject TimerData = new()
    {
        ["timer"] = new JsonObject
        {
            ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
            ["ScheduleStatus"] = null,
            ["IsPastDue"] = false,
        },
    };

    private static string Roster(DateTimeOffset start) => $$"""
        {
          "version": "handover-1",
          "timeZone": "Etc/UTC",
          "defaultTeam": "ops",
          "routes": { "queue=billing": "billing" },
          "people": [
            { "id": "lead-billing", "team": "billing", "role": "TeamLead", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "{{start:HH:mm}}", "end": "{{start.AddHours(8):HH:mm}}" } },
            { "id": "lead-billing-2", "team": "billing", "role": "TeamLead", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "{{start:HH:mm}}", "end": "{{start.AddHours(8):HH:mm}}" } },
            { "id": "sup-1", "team": "ops", "role": "Supervisor", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "00:00", "end": "24:00" } }
          ],
          "chains": {
            "critical": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "1h" } ],
            "error": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "1h" } ],
            "warning": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "1h" } ],
            "informational": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "1h" } ]
          }
        }
        """;

    [Fact]
    public async Task A_passed_boundary_writes_one_handover_with_the_outgoing_shift_s_counts_and_notifies_the_incoming_leads_once()
    {
        var now = DateTimeOffset.UtcNow;
        var boundary = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(-2);
        var from = boundary.AddDays(-1);
        var handoversTable = AzuriteFixture.UniqueName("ho");
        using var server = new HandlerServer(
            azurite.ConnectionString,
            settings: new Dictionary<string, string> { ["CxHandoversTable"] = handoversTable },
            roster: Roster(boundary));
        using var http = server.Client();
        try
        {
            await SeedAsync(server, from, boundary);

            // Two ticks in a row, then two at once: one row, one notification per lead.
            await TickAsync(http);
            await TickAsync(http);
            await Task.WhenAll(TickAsync(http), TickAsync(http));

            var store = server.Services.GetRequiredService<HandoverStore>();
            Assert.Equal(1, await store.CountAsync("billing", CancellationToken.None));
            Assert.Equal(0, await store.CountAsync("ops", CancellationToken.None)); // no team lead, no handover
            var notifications = server.Services.GetRequiredService<NotificationStore>();
            foreach (var incoming in new[] { "lead-billing", "lead-billing-2" })
            {
                var notes = (await notifications.ListForAsync(incoming, 50, CancellationToken.None))
                    .Where(n => n.Kind == "handover")
                    .ToList();
                Assert.Single(notes);
                Assert.StartsWith(
                    "Shift handover for billing: 2 alerts opened, 1 resolved, 2 still open", notes[0].Text, StringComparison.Ordinal);
            }

            var lead = await GetAsync(http, handoversTable, new Caller("lead-billing", CxRoles.TeamLead, "billing"));
            Assert.Equal(HttpStatusCode.OK, lead.Status);
            var body = lead.Body;
            Assert.Equal(
                ("billing", boundary, from),
                (body["team"]!.GetValue<string>(), body["at"]!.GetValue<DateTimeOffset>(),
                    body["outgoingFrom"]!.GetValue<DateTimeOffset>()));
            Assert.Equal(["lead-billing", "lead-billing-2"], body["incomingLeads"]!.AsArray().Select(n => n!.GetValue<string>()));

            // Alerts of billing: a1 opened and resolved in the shift, a2 opened in it and still open, a3 opened before it and
            // still open; a4 ended before it, a5 is another team's, a6 opened after the boundary.
            var alerts = body["alerts"]!;
            Assert.Equal(
                (2, 1, 2),
                (alerts["opened"]!.GetValue<int>(), alerts["resolved"]!.GetValue<int>(), alerts["stillOpen"]!.GetValue<int>()));
            Assert.Equal(["a2", "a3"], alerts["open"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).Order());

            // Tasks of billing: t1 created and resolved in the shift, t2 created in it and acknowledged, t3 older, open and
            // breached; t4 breached but closed before the shift; t5 is another team's.
            var tasks = body["tasks"]!;
            Assert.Equal(
                (2, 1, 1, 1, 1),
                (tasks["created"]!.GetValue<int>(), tasks["open"]!.GetValue<int>(), tasks["acknowledged"]!.GetValue<int>(),
                    tasks["resolved"]!.GetValue<int>(), tasks["slaBreaches"]!.GetValue<int>()));
            Assert.Equal("task-t3", tasks["breached"]!.AsArray().Single()!["id"]!.GetValue<string>());

            // KPIs: speed of answer on queue=billing 90 against 60 (+50 %), service level on team=billing 70 against 80
            // (−12.5 %, worse); CSAT above its baseline is better and left out; the window before the shift is ignored.
            var kpis = body["kpis"]!.AsArray();
            Assert.Equal(
                [("AverageSpeedOfAnswer", "queue=billing", 50.0), ("ServiceLevel", "team=billing", -12.5)],
                kpis.Select(k => (k!["kpi"]!.GetValue<string>(), k["slice"]!.GetValue<string>(), k["changePercent"]!.GetValue<double>())));

            Assert.Equal(
                HttpStatusCode.NotFound,
                (await GetAsync(http, handoversTable, new Caller("lead-sales", CxRoles.TeamLead, "sales"), "billing")).Status);
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, handoversTable, Caller.Supervisor, "billing")).Status);
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, handoversTable, Caller.Auditor, "billing")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(http, handoversTable, Caller.Supervisor, "ops")).Status);
            Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(http, handoversTable, Caller.Supervisor)).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(http, handoversTable, Caller.AgentOne, "billing")).Status);

            // Every call is audited, refusals included.
            var audit = new TableClient(azurite.ConnectionString, "Audit");
            var handoverRows = 0;
            await foreach (var row in audit.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Action eq {"GET HandoverLatest"}")))
            {
                handoverRows += row.GetString("Target") is { } target && target.Contains(handoversTable, StringComparison.Ordinal) ? 1 : 0;
            }

            Assert.Equal(7, handoverRows);
        }
        finally
        {
            await azurite.Tables.DeleteTableAsync(handoversTable);
        }
    }

    private static async Task TickAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync(
            "WriteHandovers", new JsonObject { ["Data"] = TimerData.DeepClone(), ["Metadata"] = new JsonObject() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.NotEqual("Failed", result["ReturnValue"]?.ToString());
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(
        HttpClient http, string marker, Caller caller, string? team = null)
    {
        var query = new JsonObject();
        if (team is not null)
        {
            query["team"] = team;
        }

        var envelope = new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["req"] = new JsonObject
                {
                    ["Url"] = "http://127.0.0.1:7071/api/handovers/latest?probe=" + marker
                        + (team is null ? string.Empty : "&team=" + team),
                    ["Method"] = "GET",
                    ["Query"] = query,
                    ["Headers"] = new JsonObject { [ClientPrincipalReader.HeaderName] = new JsonArray(caller.Principal()) },
                    ["Params"] = new JsonObject(),
                },
            },
            ["Metadata"] = new JsonObject(),
        };
        using var response = await http.PostAsJsonAsync("HandoverLatest", envelope);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var res = (await response.Content.ReadFromJsonAsync<JsonObject>())!["Outputs"]!["res"]!;
        return ((HttpStatusCode)res["statusCode"]!.GetValue<int>(), JsonNode.Parse(res["body"]!.GetValue<string>())!.AsObject());
    }

    private static async Task SeedAsync(HandlerServer server, DateTimeOffset from, DateTimeOffset boundary)
    {
        var alerts = server.Services.GetRequiredService<AlertStore>();
        await alerts.EnsureCreatedAsync(CancellationToken.None);
        var alertRows = new[]
        {
            Alert("a1", "queue=billing", from.AddHours(1), from.AddHours(2)),
            Alert("a2", "queue=billing", from.AddHours(3), null),
            Alert("a3", "queue=billing", from.AddHours(-5), null),
            Alert("a4", "queue=billing", from.AddHours(-10), from.AddHours(-9)),
            Alert("a5", "queue=sales", from.AddHours(4), null),
            Alert("a6", "queue=billing", boundary.AddSeconds(30), null),
        };
        foreach (var alert in alertRows)
        {
            await alerts.Table.AddEntityAsync(new StoredAlert(alert, 1, 1, alert.WindowEnd).ToEntity());
        }

        var tasks = server.Services.GetRequiredService<TaskStore>();
        await tasks.CreateIfAbsentAsync(NewTask("t1", "billing", from.AddHours(1)) with
        {
            Status = TaskStatuses.Resolved,
            Closure = "resolved",
            ClosedAt = from.AddHours(2),
        }, CancellationToken.None);
        await tasks.CreateIfAbsentAsync(
            NewTask("t2", "billing", from.AddHours(3)) with { Status = TaskStatuses.Acknowledged }, CancellationToken.None);
        await tasks.CreateIfAbsentAsync(
            NewTask("t3", "billing", from.AddHours(-5)) with { SlaBreached = true, Level = 1 }, CancellationToken.None);
        await tasks.CreateIfAbsentAsync(NewTask("t4", "billing", from.AddHours(-20)) with
        {
            Status = TaskStatuses.Resolved,
            Closure = "alertResolved",
            ClosedAt = from.AddHours(-19),
            SlaBreached = true,
        }, CancellationToken.None);
        await tasks.CreateIfAbsentAsync(NewTask("t5", "ops", from.AddHours(2)), CancellationToken.None);

        var baselines = server.Services.GetRequiredService<BaselineStore>();
        var queue = ParseSlice("queue=billing");
        var team = ParseSlice("team=billing");
        await baselines.WriteAsync(
        [
            new BaselinePoint(KpiId.AverageSpeedOfAnswer, queue, from.AddHours(1), 90, 60, 40, 80, "ewma"),
            new BaselinePoint(KpiId.AverageSpeedOfAnswer, queue, from.AddHours(2), 90, 60, 40, 80, "ewma"),
            new BaselinePoint(KpiId.AverageSpeedOfAnswer, queue, from.AddHours(-1), 1000, 60, 40, 80, "ewma"),
            new BaselinePoint(KpiId.ServiceLevel, team, from.AddHours(1), 70, 80, 75, 90, "ewma"),
            new BaselinePoint(KpiId.CsatAverage, team, from.AddHours(1), 4.8, 4.0, 3.5, 4.5, "ewma"),
        ], CancellationToken.None);
    }

    private static TaskRecord NewTask(string alertId, string team, DateTimeOffset createdAt) => new(
        "task-" + alertId, alertId, "escalation-" + alertId, "Speed of answer high", "critical", "AverageSpeedOfAnswer", "queue=billing",
        team, "detected", TaskStatuses.Open, createdAt)
    {
        Assignee = "lead-billing",
    };

    private static Alert Alert(string id, string slice, DateTimeOffset openedAt, DateTimeOffset? resolvedAt)
    {
        var parsed = ParseSlice(slice);
        return new Alert
        {
            Id = id,
            RulesVersion = "1.2.0",
            RuleId = "queue-wait",
            Kpi = KpiId.AverageSpeedOfAnswer,
            Slice = parsed,
            Status = resolvedAt is null ? AlertStatus.Open : AlertStatus.Resolved,
            Severity = AlertSeverity.Critical,
            Detector = "ewma",
            Direction = BreachDirection.Above,
            Value = 90,
            PeakValue = 95,
            WindowStart = openedAt.AddMinutes(-15),
            WindowEnd = resolvedAt ?? openedAt,
            OpenedAt = openedAt,
            ResolvedAt = resolvedAt,
            BreachCount = 1,
            Route = new RoutingHint(null, null, "queue-wait"),
            Message = string.Create(CultureInfo.InvariantCulture, $"Average speed of answer 90 s on {slice}"),
        };
    }

    private static Slice ParseSlice(string text) =>
        Slice.TryParse(text, out var slice) ? slice : throw new ArgumentException(text, nameof(text));
}
