using System.Globalization;
using Azure.Data.Tables;
using CxServerless.Testing;
using Microsoft.Playwright;

namespace CxServerless.Dashboard.Tests;

/// <summary>
/// The dashboard's "Customer feedback" panel in headless Chromium: reporting rows of closed feedback loops seeded into this
/// run's FeedbackReport table (the app's own traffic opens no loop: its surveys are satisfied and carry no customer), seen
/// by a supervisor, a team lead and an agent. The expected figures are worked out by hand below.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class FeedbackKpiTests(AzuriteFixture azurite, DashboardApp app)
{
    [Fact]
    public async Task The_feedback_panel_shows_the_loops_of_the_last_30_days_by_team_and_by_topic()
    {
        await app.EnsureStartedAsync(azurite);
        var id = Guid.NewGuid().ToString("N")[..8];
        var (x, y) = ("team-fbx-" + id, "team-fby-" + id);
        var now = DateTimeOffset.UtcNow;
        var report = new TableClient(azurite.ConnectionString, app.Settings["CxFeedbackReportTable"]);
        await report.CreateIfNotExistsAsync();

        // f1: x billing, resolved within SLA, NPS 4 → 9 (recovered), sentiment −0.5 → 0.5 (+1.0).
        // f2: x delivery, resolved after a breach, CSAT 1 → 1 (answered, not recovered), −0.4 → −0.4 (0).
        // f3: y billing, resolved within SLA, NPS 6, no answer. f4: y billing, open, CSAT 3 (no detractor), −0.6, no answer.
        // f5: x billing, opened 40 days ago: outside the window.
        await SeedAsync(report, id + "-f1", x, "billing", now.AddDays(-2), true, false, (null, 4, -0.5), (null, 9, 0.5));
        await SeedAsync(report, id + "-f2", x, "delivery", now.AddDays(-3), true, true, (1, null, -0.4), (1, null, -0.4));
        await SeedAsync(report, id + "-f3", y, "billing", now.AddDays(-5), true, false, (null, 6, null), null);
        await SeedAsync(report, id + "-f4", y, "billing", now.AddHours(-1), false, false, (3, null, -0.6), null);
        await SeedAsync(report, id + "-f5", x, "billing", now.AddDays(-40), true, true, (null, 0, -0.9), (null, 10, 0.9));

        var page = await app.NewPageAsync("Supervisor");
        await page.AddInitScriptAsync(Support.CspProbe.Script);
        await page.GotoAsync("api/dashboard");

        // Four loops; 3 tasks ended (f1 f2 f3), 2 within SLA: 66.7 %; detractors f1 f2 f3, answered f1 f2, recovered f1: 50.0 %;
        // sentiment (1.0 + 0) / 2 = +0.50.
        await Assertions.Expect(page.Locator("#feedback-section")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#feedback-team")).ToHaveTextAsync("(all teams)");
        await Assertions.Expect(Tile(page, "opened")).ToHaveTextAsync("4");
        await Assertions.Expect(Tile(page, "closed-within-sla")).ToHaveTextAsync("66.7 %");
        await Assertions.Expect(Meta(page, "closed-within-sla")).ToHaveTextAsync("2 of 3 follow-ups ended");
        await Assertions.Expect(Tile(page, "recovered")).ToHaveTextAsync("50.0 %");
        await Assertions.Expect(Meta(page, "recovered")).ToHaveTextAsync("1 of 2 detractors who answered");
        await Assertions.Expect(Tile(page, "sentiment-delta")).ToHaveTextAsync("+0.50");

        // By team: x has f1 f2 (1 of 2 within SLA, 1 of 2 recovered, +0.50 over 2); y has f3 f4 (1 of 1, none answered).
        await Assertions.Expect(Row(page, "team", x)).ToHaveTextAsync([x, "2", "1 of 2", "50.0 %", "1 of 2", "50.0 %", "+0.50 (2)"]);
        await Assertions.Expect(Row(page, "team", y)).ToHaveTextAsync([y, "2", "1 of 1", "100.0 %", "0 of 0", "–", "– (0)"]);
        await Assertions.Expect(Total(page, "team")).ToHaveTextAsync(["Total", "4", "2 of 3", "66.7 %", "1 of 2", "50.0 %", "+0.50 (2)"]);

        // By topic: billing f1 f3 f4 (2 of 2, 1 of 1, +1.00 over 1); delivery f2 (0 of 1, 0 of 1, 0.00 over 1).
        await Assertions.Expect(page.Locator("#feedback-by-topic tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(Row(page, "topic", "billing"))
            .ToHaveTextAsync(["billing", "3", "2 of 2", "100.0 %", "1 of 1", "100.0 %", "+1.00 (1)"]);
        await Assertions.Expect(Row(page, "topic", "delivery"))
            .ToHaveTextAsync(["delivery", "1", "0 of 1", "0.0 %", "0 of 1", "0.0 %", "0.00 (1)"]);
        Assert.Empty(await Support.CspProbe.ViolationsAsync(page));

        // x's team lead sees x's loops only.
        var lead = await app.NewPageAsync("TeamLead", x);
        await lead.GotoAsync("api/dashboard");
        await Assertions.Expect(lead.Locator("#feedback-team")).ToHaveTextAsync($"({x})");
        await Assertions.Expect(Tile(lead, "opened")).ToHaveTextAsync("2");
        await Assertions.Expect(lead.Locator("#feedback-by-team tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(Total(lead, "topic")).ToHaveTextAsync(["Total", "2", "1 of 2", "50.0 %", "1 of 2", "50.0 %", "+0.50 (2)"]);

        // An agent's dashboard has no feedback panel: the API refuses agents.
        var agent = await app.NewPageAsync("Agent", x);
        await agent.GotoAsync("api/dashboard");
        await Assertions.Expect(agent.Locator("#tiles-heading")).ToBeVisibleAsync();
        await agent.WaitForTimeoutAsync(2000);
        await Assertions.Expect(agent.Locator("#feedback-section")).ToBeHiddenAsync();
    }

    private static ILocator Tile(IPage page, string kpi) => page.Locator($"#feedback-tiles li[data-kpi=\"{kpi}\"] .tile-value");

    private static ILocator Meta(IPage page, string kpi) => page.Locator($"#feedback-tiles li[data-kpi=\"{kpi}\"] .tile-meta");

    private static ILocator Row(IPage page, string by, string key) =>
        page.Locator($"#feedback-by-{by} tbody tr[data-key=\"{key}\"] td");

    private static ILocator Total(IPage page, string by) => page.Locator($"#feedback-by-{by} tfoot tr th, #feedback-by-{by} tfoot tr td");

    // A reporting row as the app writes it (docs/feedback.md, "Feedback KPIs"): partition r-{opening day}, row key the loop id.
    private static async Task SeedAsync(
        TableClient report, string loop, string team, string topic, DateTimeOffset opened, bool resolved, bool breached,
        (int? Csat, int? Nps, double? Sentiment) before, (int? Csat, int? Nps, double? Sentiment)? after)
    {
        var closed = resolved && after is not null;
        await report.AddEntityAsync(new TableEntity("r-" + opened.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture), loop)
        {
            ["Team"] = team,
            ["Topic"] = topic,
            ["Status"] = closed ? "closed" : resolved ? "awaitingResponse" : "open",
            ["Outcome"] = closed ? "responded" : null,
            ["OpenedAt"] = opened,
            ["ResolvedAt"] = resolved ? opened.AddHours(4) : null,
            ["SlaBreached"] = breached,
            ["BeforeCsat"] = before.Csat,
            ["BeforeNps"] = before.Nps,
            ["BeforeSentiment"] = before.Sentiment,
            ["AfterCsat"] = after?.Csat,
            ["AfterNps"] = after?.Nps,
            ["AfterSentiment"] = after?.Sentiment,
        });
    }
}
