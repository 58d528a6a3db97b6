using Azure.Data.Tables;
using CxServerless.Dashboard.Tests.Support;
using CxServerless.Testing;
using Microsoft.Playwright;

namespace CxServerless.Dashboard.Tests;

/// <summary>
/// The dashboard's escalation tiles in headless Chromium: tasks and alerts seeded into this run's Tasks and Alerts
/// tables for a team of their own, seen by that team's lead. The expected figures are worked out by hand below.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class EscalationKpiTests(AzuriteFixture azurite, DashboardApp app)
{
    [Fact]
    public async Task The_escalation_tiles_show_the_figures_of_the_team_s_tasks_of_the_last_24_hours()
    {
        await app.EnsureStartedAsync(azurite);
        var team = "team-kpi-" + Guid.NewGuid().ToString("N")[..8];
        var now = DateTimeOffset.UtcNow;
        var tasks = new TableClient(azurite.ConnectionString, app.Settings["CxTasksTable"]);
        await tasks.CreateIfNotExistsAsync();
        var alerts = new TableClient(azurite.ConnectionString, app.Settings["CxAlertsTable"]);
        await alerts.CreateIfNotExistsAsync();

        // k1: acknowledged after 2 min, resolved after 30 min, escalated once (rule-wait).
        // k2: acknowledged after 4 min, a false alarm after 10 min (rule-wait).
        // k3: never acknowledged, breached after 2 escalations, closed by its alert after 90 min (rule-csat).
        // k4: open, a manual alert. k5: created 25 hours ago, outside the window.
        var id = team;
        await SeedAsync(
            tasks, alerts, id + "-k1", team, now.AddHours(-2), ack: 2, closed: 30, "resolved",
            breached: false, escalations: 1, "rule-wait");
        await SeedAsync(
            tasks, alerts, id + "-k2", team, now.AddHours(-1), ack: 4, closed: 10, "falseAlarm",
            breached: false, escalations: 0, "rule-wait");
        await SeedAsync(
            tasks, alerts, id + "-k3", team, now.AddHours(-3), ack: null, closed: 90, "alertResolved",
            breached: true, escalations: 2, "rule-csat");
        await SeedAsync(
            tasks, alerts, id + "-k4", team, now.AddMinutes(-5), ack: null, closed: null, null,
            breached: false, escalations: 0, null);
        await SeedAsync(
            tasks, alerts, id + "-k5", team, now.AddHours(-25), ack: 1, closed: 2, "falseAlarm",
            breached: true, escalations: 5, "rule-wait");

        var page = await app.NewPageAsync("TeamLead", team);
        await page.AddInitScriptAsync(CspProbe.Script);
        await page.GotoAsync("api/dashboard");

        // Four tasks in the window: MTTA (2 + 4) / 2 = 3 min; MTTR over the resolved k1 and k3 (30 + 90) / 2 = 60 min;
        // 1 breach of 4 = 25 %; 3 escalations over 4 alerts = 0.75.
        await Assertions.Expect(page.Locator("#escalation-section")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#escalation-team")).ToHaveTextAsync($"({team})");
        await Assertions.Expect(Tile(page, "mtta")).ToHaveTextAsync("3.0 min");
        await Assertions.Expect(Tile(page, "mttr")).ToHaveTextAsync("1.0 h");
        await Assertions.Expect(Tile(page, "sla-breach-rate")).ToHaveTextAsync("25.0 %");
        await Assertions.Expect(Tile(page, "escalations-per-alert")).ToHaveTextAsync("0.75");
        await Assertions.Expect(page.Locator("#escalation-tiles li[data-kpi=\"mtta\"] .tile-meta"))
            .ToHaveTextAsync("2 of 4 tasks acknowledged");

        // False alarms per rule: rule-wait 1 of 2 (k5 is outside the window), rule-csat 0 of 1, manual 0 of 1.
        await Assertions.Expect(page.Locator("#false-alarms tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(Row(page, "rule-wait")).ToHaveTextAsync(["rule-wait", "2", "1", "50.0 %"]);
        await Assertions.Expect(Row(page, "rule-csat")).ToHaveTextAsync(["rule-csat", "1", "0", "0.0 %"]);
        await Assertions.Expect(Row(page, "manual")).ToHaveTextAsync(["manual", "1", "0", "0.0 %"]);
        Assert.Empty(await CspProbe.ViolationsAsync(page));

        // An agent's dashboard has no escalation section: the API refuses agents.
        var agent = await app.NewPageAsync("Agent", team);
        await agent.GotoAsync("api/dashboard");
        await Assertions.Expect(agent.Locator("#tiles-heading")).ToBeVisibleAsync();
        await agent.WaitForTimeoutAsync(2000);
        await Assertions.Expect(agent.Locator("#escalation-section")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_supervisor_sees_notification_deliveries_per_channel_and_a_team_lead_does_not()
    {
        await app.EnsureStartedAsync(azurite);
        var notifications = new TableClient(azurite.ConnectionString, app.Settings["CxNotificationsTable"]);
        await notifications.CreateIfNotExistsAsync();

        // The app under test configures no e-mail or webhook channel, so every "delivered" e-mail and "failed" webhook is
        // one of these: 1 e-mail delivered, 2 webhook deliveries failed (one of them beside a delivered e-mail).
        var recipient = "deliveries-" + Guid.NewGuid().ToString("N")[..8];
        var now = DateTimeOffset.UtcNow;
        await SeedNotificationAsync(notifications, recipient, "n1", now.AddMinutes(-30), "email: delivered; webhook: failed: HTTP 503");
        await SeedNotificationAsync(notifications, recipient, "n2", now.AddMinutes(-10), "webhook: failed: HTTP 500");
        await SeedNotificationAsync(notifications, recipient, "n3", now.AddHours(-30), "webhook: failed: too old to count");

        var page = await app.NewPageAsync("Supervisor");
        await page.GotoAsync("api/dashboard");
        await Assertions.Expect(page.Locator("#deliveries")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#deliveries tbody tr[data-channel=\"webhook\"] td.failed")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("#deliveries tbody tr[data-channel=\"webhook\"] td.delivered")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("#deliveries tbody tr[data-channel=\"email\"] td.delivered")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#deliveries tbody tr[data-channel=\"email\"] td.failed")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("#deliveries-failures")).ToContainTextAsync("webhook");

        // A team lead sees the escalation tiles but not the deliveries (ops/notifications is not theirs).
        var lead = await app.NewPageAsync("TeamLead", "team-deliveries");
        await lead.GotoAsync("api/dashboard");
        await Assertions.Expect(lead.Locator("#escalation-section")).ToBeVisibleAsync();
        await lead.WaitForTimeoutAsync(2000);
        await Assertions.Expect(lead.Locator("#deliveries")).ToBeHiddenAsync();
    }

    private static async Task SeedNotificationAsync(TableClient table, string recipient, string key, DateTimeOffset at, string delivery) =>
        await table.AddEntityAsync(new TableEntity(recipient, key)
        {
            ["TaskId"] = "task-" + key,
            ["Kind"] = "assigned",
            ["Text"] = "Seeded for the deliveries table",
            ["Channels"] = "email,webhook",
            ["Delivery"] = delivery,
            ["At"] = at,
        });

    private static ILocator Tile(IPage page, string kpi) => page.Locator($"#escalation-tiles li[data-kpi=\"{kpi}\"] .tile-value");

    private static ILocator Row(IPage page, string rule) => page.Locator($"#false-alarms tbody tr[data-rule=\"{rule}\"] td");

    private static async Task SeedAsync(
        TableClient tasks, TableClient alerts, string alertId, string team, DateTimeOffset created, int? ack, int? closed, string? closure,
        bool breached, int escalations, string? rule)
    {
        await tasks.AddEntityAsync(new TableEntity("task", "task-" + alertId)
        {
            ["AlertId"] = alertId,
            ["InstanceId"] = "escalation-" + alertId,
            ["Title"] = "Seeded for the escalation tiles",
            ["Severity"] = "warning",
            ["Slice"] = "queue=billing",
            ["Team"] = team,
            ["Source"] = rule is null ? "manual" : "detected",
            ["Status"] = closed is null ? (ack is null ? "open" : "acknowledged") : "resolved",
            ["CreatedAt"] = created,
            ["Assignee"] = "someone-else",
            ["AcknowledgedAt"] = ack is { } a ? created.AddMinutes(a) : null,
            ["ClosedAt"] = closed is { } c ? created.AddMinutes(c) : null,
            ["Closure"] = closure,
            ["SlaBreached"] = breached,
            ["Escalations"] = escalations,
        });
        if (rule is not null)
        {
            // A resolved alert row, so that the alert evaluator running in the app leaves it alone.
            await alerts.AddEntityAsync(new TableEntity("alert", alertId)
            {
                ["RuleId"] = rule,
                ["Kpi"] = "AverageSpeedOfAnswer",
                ["Slice"] = "queue=billing",
                ["Status"] = "Resolved",
                ["Severity"] = "Warning",
                ["OpenedAt"] = created,
                ["ResolvedAt"] = created.AddMinutes(1),
                ["WindowEnd"] = created.AddMinutes(1),
            });
        }
    }
}
