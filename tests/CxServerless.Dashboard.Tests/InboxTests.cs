using System.Text.Json.Nodes;
using CxServerless.Dashboard.Tests.Support;
using CxServerless.Testing;
using Microsoft.Playwright;

namespace CxServerless.Dashboard.Tests;

/// <summary>
/// The task inbox in headless Chromium against the whole app: an alert announced on the alerts queue opens its escalation
/// and task through the real starter and workflow; a team lead works it from the page.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class InboxTests(AzuriteFixture azurite, DashboardApp app)
{
    private static readonly TimeSpan TaskTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_team_lead_acknowledges_comments_and_resolves_a_task_and_the_timeline_follows_on_the_page()
    {
        await app.EnsureStartedAsync(azurite);
        var alertId = "inbox" + Guid.NewGuid().ToString("N")[..12];
        var taskId = "task-" + alertId;
        await app.AnnounceAlertAsync(alertId, "Warning", "queue=billing", "Billing queue wait above 60 s");

        // cx-host presents a development team lead of team-billing, which owns queue=billing in the routing file.
        var page = await app.NewPageAsync("TeamLead", "team-billing");
        await page.AddInitScriptAsync(CspProbe.Script);
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync($"api/inbox?alertId={alertId}");

        var row = page.Locator($"#tasks tbody tr[data-task-id=\"{taskId}\"]");
        await row.WaitForAsync(new() { Timeout = (float)TaskTimeout.TotalMilliseconds });
        var detail = page.Locator($"#detail[data-task-id=\"{taskId}\"]");
        await Assertions.Expect(detail).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#detail-title")).ToHaveTextAsync("Billing queue wait above 60 s");
        await Assertions.Expect(page.Locator("#viewer")).ToContainTextAsync("(TeamLead)");
        await Assertions.Expect(row.Locator(".sla")).ToContainTextAsync("left");
        await Assertions.Expect(page.Locator("#timeline li[data-kind=\"created\"]")).ToHaveCountAsync(1);

        await page.Locator("#ack-button").ClickAsync();

        await Assertions.Expect(page.Locator("#action-message")).ToHaveTextAsync("Acknowledged.");
        await Assertions.Expect(detail).ToHaveAttributeAsync("data-status", "acknowledged");
        await Assertions.Expect(page.Locator("#timeline li[data-kind=\"acknowledge\"]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#ack-button")).ToBeDisabledAsync();

        // The workflow's own record of the acknowledgement arrives through the page's polling, not the click's answer.
        await Assertions.Expect(page.Locator("#timeline li[data-kind=\"acknowledged\"]")).ToHaveCountAsync(1);

        await page.Locator("#comment-text").FillAsync("Moved two agents from sales to billing");
        await page.Locator("#comment-button").ClickAsync();

        await Assertions.Expect(page.Locator("#timeline li[data-kind=\"comment\"]"))
            .ToContainTextAsync("Moved two agents from sales to billing");

        await page.Locator("#resolve-text").FillAsync("Queue back under a minute");
        await page.Locator("#resolve-button").ClickAsync();

        await Assertions.Expect(detail).ToHaveAttributeAsync("data-status", "resolved");
        await Assertions.Expect(page.Locator("#timeline li[data-kind=\"resolved\"]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#actions")).ToBeHiddenAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "resolved");

        using var api = app.Api("Supervisor");
        var stored = JsonNode.Parse(await api.GetStringAsync(new Uri($"api/tasks/{taskId}", UriKind.Relative)))!;
        Assert.Equal("resolved", stored["task"]!["closure"]!.GetValue<string>());
        Assert.Equal("Queue back under a minute", stored["task"]!["closureNote"]!.GetValue<string>());
        Assert.Equal("dev-teamlead", stored["task"]!["closedBy"]!.GetValue<string>());
        var kinds = stored["timeline"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).ToList();
        // created, then assigned (or skipped and escalated when billing's lead is off shift), then what the lead did.
        Assert.Equal(
            ["acknowledge", "acknowledged", "comment", "resolve", "resolved"],
            kinds.Where(k => k is not ("created" or "assigned" or "skipped" or "escalated")));
        Assert.Empty(errors);
        Assert.Empty(await CspProbe.ViolationsAsync(page));
    }

    [Fact]
    public async Task An_agent_does_not_see_a_team_task_that_is_not_theirs()
    {
        await app.EnsureStartedAsync(azurite);
        var alertId = "inbox" + Guid.NewGuid().ToString("N")[..12];
        await app.AnnounceAlertAsync(alertId, "Warning", "queue=billing", "Billing queue wait above 60 s");
        using var lead = app.Api("TeamLead", "team-billing");
        await Eventually.Async(() => lead.GetAsync(new Uri($"api/tasks/task-{alertId}", UriKind.Relative)), r => r.IsSuccessStatusCode,
            TaskTimeout, "the task to exist");

        var page = await app.NewPageAsync("Agent", "team-billing");
        await page.GotoAsync($"api/inbox?alertId={alertId}");

        await Assertions.Expect(page.Locator("#viewer")).ToContainTextAsync("your tasks");
        await Assertions.Expect(page.Locator("#no-tasks")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#tasks tbody tr").CountAsync());
        using var agent = app.Api("Agent", "team-billing");
        Assert.Equal(System.Net.HttpStatusCode.NotFound,
            (await agent.GetAsync(new Uri($"api/tasks/task-{alertId}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task An_open_alert_on_the_dashboard_links_to_its_task_in_the_inbox()
    {
        await app.EnsureStartedAsync(azurite);
        var page = await app.NewPageAsync();
        await page.GotoAsync("api/dashboard");
        var alertRow = page.Locator("#alerts tbody tr").First;
        await alertRow.WaitForAsync(new() { Timeout = (float)TimeSpan.FromMinutes(4).TotalMilliseconds });
        var alertId = await alertRow.GetAttributeAsync("data-alert-id");
        Assert.False(string.IsNullOrEmpty(alertId));
        var link = alertRow.Locator("a.task-link");
        Assert.Equal($"/api/inbox?alertId={alertId}", await link.GetAttributeAsync("href"));

        await link.ClickAsync();

        await page.WaitForURLAsync($"**/api/inbox?alertId={alertId}");
        await Assertions.Expect(page.Locator("#alert-filter-id")).ToHaveTextAsync(alertId!);

        // The real alert reached the alerts queue and the starter opened its task.
        await page.Locator($"#tasks tbody tr[data-alert-id=\"{alertId}\"]")
            .WaitForAsync(new() { Timeout = (float)TaskTimeout.TotalMilliseconds });

        // Exactly one task, owned by the team the shipped routing file gives the alert's slice (read here as data:
        // a route for the slice, else the default team), and assigned to a person of the roster.
        using var api = app.Api("Supervisor");
        var tasks = await Eventually.Async(
            async () => JsonNode.Parse(
                await api.GetStringAsync(new Uri($"api/tasks?status=all&alertId={alertId}", UriKind.Relative)))!["tasks"]!.AsArray(),
            t => t.Count > 0 && t[0]!["assignee"] is not null,
            TaskTimeout,
            "the task assigned");
        var task = Assert.Single(tasks)!;
        var roster = JsonNode.Parse(
            File.ReadAllText(Path.Combine(AzuriteFixture.RepositoryRoot(), "functions", "rules", "cx-roster.v1.json")),
            documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        var slice = task["slice"]!.GetValue<string>();
        var owner = roster["routes"]![slice]?.GetValue<string>() ?? roster["defaultTeam"]!.GetValue<string>();
        Assert.Equal(owner, task["team"]!.GetValue<string>());
        var assignee = task["assignee"]?.GetValue<string>();
        Assert.Contains(assignee, roster["people"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()));
    }
}
