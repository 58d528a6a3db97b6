using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Functions.Feedback;
using CxServerless.Functions.Tests.Analytics;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Testing;
using CxServerless.Workflows.Feedback;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Functions.Tests.Feedback;

/// <summary>
/// <c>GET /api/feedback/kpis</c> through the real handler over real HTTP, on loops written to this run's FeedbackReport
/// table by the store and by the real recording activity. Every expected figure is worked out by hand in the comments.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class FeedbackKpisTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2026, 11, 8, 0, 0, 0, TimeSpan.Zero);

    private readonly HandlerServer _server = new(azurite.ConnectionString);

    public void Dispose() => _server.Dispose();

    private static FeedbackLoopRecord Loop(
        string id, string? team, string topic, DateTimeOffset opened, FeedbackScores before, FeedbackScores? after = null,
        string status = FeedbackLoopStages.Open, string? outcome = null, bool resolved = false, bool breached = false) =>
        new("c-k1-" + id.PadLeft(32, '0'), "feedback-" + id, "event-" + id, "nps", topic, "fb-1", status, opened)
        {
            Team = team,
            Before = before,
            After = after,
            Outcome = outcome,
            ResolvedAt = resolved ? opened.AddHours(5) : null,
            ClosedAt = status == FeedbackLoopStages.Closed ? opened.AddDays(9) : null,
            SlaBreached = breached,
        };

    private static IReadOnlyList<FeedbackLoopRecord> Seeded() =>
    [
        // l1: team-a billing, resolved within SLA; NPS detractor 3 → 8: recovered; sentiment −0.6 → 0.4 (+1.0).
        Loop("l1", "team-a", "billing", From.AddDays(1), new(null, 3, null, -0.6), new(null, 8, null, 0.4),
            FeedbackLoopStages.Closed, FeedbackLoopStages.Responded, resolved: true),
        // l2: team-a delivery, resolved after a breach; CSAT 1 (no NPS) → 2: answered, not recovered; −0.5 → −0.2 (+0.3).
        Loop("l2", "team-a", "delivery", From.AddDays(2), new(1, null, null, -0.5), new(2, null, null, -0.2),
            FeedbackLoopStages.Closed, FeedbackLoopStages.Responded, resolved: true, breached: true),
        // l3: team-a billing, dismissed as a false alarm: opened, a detractor (NPS 5), neither for nor against the SLA.
        Loop("l3", "team-a", "billing", From.AddDays(3), new(null, 5, null, null), null,
            FeedbackLoopStages.Closed, FeedbackLoopStages.Dismissed, resolved: true),
        // l4: not routed yet (unassigned), billing, open; CSAT 4 is no detractor; no follow-up.
        Loop("l4", null, "billing", From.AddDays(4), new(4, null, null, -0.8)),
        // l5: team-b technical, resolved within SLA, no response; NPS 6 is a detractor who never answered.
        Loop("l5", "team-b", "technical", From.AddDays(5), new(null, 6, null, null), null,
            FeedbackLoopStages.Closed, FeedbackLoopStages.NoResponse, resolved: true),
        // l6: team-b technical, within SLA; NPS 2 → 6: still a detractor; −0.9 → −0.3 (+0.6).
        Loop("l6", "team-b", "technical", From.AddDays(6).AddHours(23), new(null, 2, null, -0.9), new(null, 6, null, -0.3),
            FeedbackLoopStages.Closed, FeedbackLoopStages.Responded, resolved: true),
        // l8: team-a billing, opened at the window's end (included); CSAT 2 detractor; open.
        Loop("l8", "team-a", "billing", To, new(2, null, null, null)),
        // l7 at the window's start and l9 after its end: outside.
        Loop("l7", "team-a", "billing", From, new(null, 0, null, null)),
        Loop("l9", "team-b", "billing", To.AddDays(1), new(null, 0, null, null)),
    ];

    private async Task SeedAsync()
    {
        var report = _server.Services.GetRequiredService<FeedbackReportStore>();
        foreach (var loop in Seeded())
        {
            await report.SaveAsync(loop, default);
        }
    }

    private async Task<(int Status, JsonObject? Body)> GetAsync(string role, string? team, params (string Name, string Value)[] query)
    {
        using var http = _server.Client();
        var (status, body, _) = await AnalyticsApi.GetAsync(
            http, "FeedbackKpis", "feedback/kpis", query.ToDictionary(q => q.Name, q => q.Value), AnalyticsApi.Principal(role, team));
        return (status, body);
    }

    private static (string Name, string Value)[] Window(string by) =>
        [("from", From.ToString("O", CultureInfo.InvariantCulture)), ("to", To.ToString("O", CultureInfo.InvariantCulture)), ("by", by)];

    // key, opened, task ended, within SLA, %, detractors, answered, recovered, %, sentiment pairs, mean delta.
    private static string Figures(JsonNode row) => string.Join(
        ' ',
        new[]
        {
            "key", "opened", "taskEnded", "closedWithinSla", "closedWithinSlaPercent", "detractors", "detractorsAnswered",
            "recovered", "recoveredPercent", "sentimentPairs", "meanSentimentDelta",
        }.Select(name => row[name] is { } value ? value.ToJsonString() : "null"));

    [Fact]
    public async Task Figures_by_team_and_by_topic_match_the_hand_count_of_the_loops_opened_in_the_window()
    {
        await SeedAsync();

        var (status, byTeam) = await GetAsync("Supervisor", null, Window("team"));
        Assert.Equal(200, status);
        Assert.Equal("team", byTeam!["by"]!.GetValue<string>());
        Assert.Null(byTeam["team"]);
        // team-a: l1 l2 l3 l8 opened; ended l1 l2 (l3 dismissed), within SLA l1: 50 %; detractors l1 l2 l3 l8, answered l1 l2,
        // recovered l1: 50 %; sentiment (1.0 + 0.3) / 2 = 0.65. team-b: l5 l6; both ended within SLA; detractors l5 l6, answered
        // l6, not recovered: 0 %; 0.6. unassigned: l4; nothing ended, no detractor, no pair: nulls.
        Assert.Equal(
            [
                "\"team-a\" 4 2 1 50 4 2 1 50 2 0.65",
                "\"team-b\" 2 2 2 100 2 1 0 0 1 0.6",
                "\"unassigned\" 1 0 0 null 0 0 0 null 0 null",
            ],
            byTeam["rows"]!.AsArray().Select(r => Figures(r!)));
        // Total: 7 opened; 4 ended, 3 within SLA: 75 %; 6 detractors, 3 answered, 1 recovered: 33.3 %; (1.0 + 0.3 + 0.6) / 3.
        Assert.Equal("\"total\" 7 4 3 75 6 3 1 33.3 3 0.633", Figures(byTeam["total"]!));

        var (_, byTopic) = await GetAsync("Auditor", null, Window("topic"));
        // billing: l1 l3 l4 l8; ended l1 within SLA; detractors l1 l3 l8, answered and recovered l1. delivery: l2. technical: l5 l6.
        Assert.Equal(
            [
                "\"billing\" 4 1 1 100 3 1 1 100 1 1",
                "\"delivery\" 1 1 0 0 1 1 0 0 1 0.3",
                "\"technical\" 2 2 2 100 2 1 0 0 1 0.6",
            ],
            byTopic!["rows"]!.AsArray().Select(r => Figures(r!)));
        Assert.Equal("\"total\" 7 4 3 75 6 3 1 33.3 3 0.633", Figures(byTopic["total"]!));

        // A team lead sees their own team only, by topic too; a supervisor may ask for one team.
        var (_, lead) = await GetAsync("TeamLead", "team-b", Window("topic"));
        Assert.Equal("team-b", lead!["team"]!.GetValue<string>());
        Assert.Equal(["\"technical\" 2 2 2 100 2 1 0 0 1 0.6"], lead["rows"]!.AsArray().Select(r => Figures(r!)));
        Assert.Equal("\"total\" 2 2 2 100 2 1 0 0 1 0.6", Figures(lead["total"]!));
        var (_, one) = await GetAsync("OpsAdmin", null, [.. Window("team"), ("team", "team-a")]);
        Assert.Equal(["team-a"], one!["rows"]!.AsArray().Select(r => r!["key"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Bad_queries_get_400_with_the_reason_and_roles_are_scoped()
    {
        string[] Reason((int Status, JsonObject? Body) answer) => [answer.Status.ToString(CultureInfo.InvariantCulture),
            answer.Body?["detail"]?.GetValue<string>() ?? string.Empty];

        Assert.Equal(["400", "by must be team or topic."], Reason(await GetAsync("Supervisor", null, ("by", "region"))));
        Assert.Contains("from must be an ISO 8601 time", Reason(await GetAsync("Supervisor", null, ("from", "yesterday")))[1],
            StringComparison.Ordinal);
        Assert.Contains(
            "to must be", Reason(await GetAsync("Supervisor", null, ("to", "0001-01-01T00:00:00Z")))[1], StringComparison.Ordinal);
        Assert.Equal(["400", "from must be before to."],
            Reason(await GetAsync("Supervisor", null, ("from", "2026-11-08T00:00:00Z"), ("to", "2026-11-01T00:00:00Z"))));
        Assert.StartsWith("from and to may be at most 92 days apart",
            Reason(await GetAsync("Supervisor", null, ("from", "2026-01-01T00:00:00Z"), ("to", "2026-06-01T00:00:00Z")))[1],
            StringComparison.Ordinal);
        Assert.Equal("400", Reason(await GetAsync("Supervisor", null, ("team", "no spaces allowed")))[0]);

        Assert.Equal("403", Reason(await GetAsync("Agent", "team-a"))[0]);
        Assert.Equal("403", Reason(await GetAsync("TeamLead", "team-b", ("team", "team-a")))[0]);
        Assert.Contains("team claim", Reason(await GetAsync("TeamLead", null))[1], StringComparison.Ordinal);

        // The default window is the last 30 days: nothing seeded there, so zero loops and null ratios.
        var (status, empty) = await GetAsync("Supervisor", null);
        Assert.Equal(200, status);
        Assert.Equal(30, (empty!["to"]!.GetValue<DateTimeOffset>() - empty["from"]!.GetValue<DateTimeOffset>()).TotalDays);
        Assert.Empty(empty["rows"]!.AsArray());
        Assert.Equal("\"total\" 0 0 0 null 0 0 0 null 0 null", Figures(empty["total"]!));
    }

    [Fact]
    public async Task A_repeated_record_step_keeps_one_reporting_row_and_an_erasure_leaves_the_figures_adding_up()
    {
        var record = ActivatorUtilities.CreateInstance<RecordFeedbackLoop>(_server.Services);
        var loopsStore = _server.Services.GetRequiredService<FeedbackLoopStore>();
        var report = _server.Services.GetRequiredService<FeedbackReportStore>();
        var opened = new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero);
        FeedbackLoopRequest Request(string customer, string eventId) => new(
            FeedbackLoopRequest.NewLoopId(), customer, eventId, ["nps"], "billing", "team=team-a", AlertSeverity.Warning, "fb-1",
            new FeedbackScores(null, 2, null, -0.5), TimeSpan.FromDays(7), TimeSpan.FromDays(14), ["inbox"]);
        var erased = Request("c-k1-" + new string('e', 32), "event-erased");
        var kept = Request("c-k1-" + new string('f', 32), "event-kept");
        var context = new ActivityContext();

        // Every step of both loops twice, as a retried activity runs: open, then closed with the answer (NPS 2 → 9, −0.5 → 0.3).
        foreach (var request in new[] { erased, kept })
        {
            foreach (var change in new[]
            {
                new FeedbackLoopChange(request, FeedbackLoopStages.Open, opened),
                new FeedbackLoopChange(request, FeedbackLoopStages.Closed, opened.AddDays(10), FeedbackLoopStages.Responded,
                    new FeedbackScores(null, 9, null, 0.3), "event-after-" + request.EventId),
            })
            {
                await record.RunAsync(context, change);
                await record.RunAsync(context, change);
            }
        }

        var rows = await ReportRowsAsync(report.Table);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal((FeedbackReportStore.PartitionFor(opened), FeedbackLoopStages.Closed),
            (r.PartitionKey, r.GetString("Status"))));
        var values = rows.SelectMany(r => ((IDictionary<string, object>)r).Values);
        Assert.DoesNotContain(values, v => v is string s
            && (s.Contains("c-k1-", StringComparison.Ordinal) || s.Contains("event-", StringComparison.Ordinal)));
        var window = ("from", "2026-11-01T00:00:00Z");
        var before = await GetAsync("Supervisor", null, window, ("to", "2026-11-30T00:00:00Z"));
        // Two loops, two detractors who answered 9: 100 % recovered; sentiment delta 0.8 each.
        Assert.Equal("\"total\" 2 0 0 null 2 2 2 100 2 0.8", Figures(before.Body!["total"]!));

        var erasure = _server.Services.GetRequiredService<FeedbackErasure>();
        var (loops, _, _) = await erasure.EraseAsync(erased.CustomerKey, default);
        Assert.Equal(1, loops); // the loop row: this test claims no head row
        Assert.Null(await loopsStore.GetAsync(erased.CustomerKey, erased.LoopId, default));
        Assert.NotNull(await loopsStore.GetAsync(kept.CustomerKey, kept.LoopId, default));
        var after = await GetAsync("Supervisor", null, window, ("to", "2026-11-30T00:00:00Z"));
        Assert.Equal(Figures(before.Body!["total"]!), Figures(after.Body!["total"]!));
    }

    private static async Task<List<TableEntity>> ReportRowsAsync(TableClient table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    private sealed class ActivityContext : TaskActivityContext
    {
        public override TaskName Name => nameof(RecordFeedbackLoop);

        public override string InstanceId => "feedback-kpis-test";
    }
}
