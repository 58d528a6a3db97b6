using System.Text.Json.Nodes;
using CxServerless.Dashboard.Tests.Support;
using CxServerless.Testing;
using Microsoft.Playwright;

namespace CxServerless.Dashboard.Tests;

/// <summary>
/// The injected incident (queue <c>billing</c> waiting 300 s, far above the <c>queue-wait</c> rule's 60 s static limit, for
/// the last 14 minutes of event time) reaches the supervisor's screen as an open alert and a highlighted tile.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class IncidentTests(AzuriteFixture azurite, DashboardApp app)
{
    private static readonly TimeSpan AlertTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task An_injected_wait_incident_shows_in_the_open_alerts_list_and_highlights_its_tile()
    {
        await app.EnsureStartedAsync(azurite);
        var page = await app.NewPageAsync();
        var view = new DashboardView(page);
        await view.OpenAsync();

        // The supervisor's tiles are the "all" slice; billing's waits lift its average far above the limit too.
        var row = page.Locator("#alerts tbody tr[data-kpi=\"AverageSpeedOfAnswer\"][data-slice=\"all\"]").First;
        await row.WaitForAsync(new() { Timeout = (float)AlertTimeout.TotalMilliseconds });

        var tiles = await Eventually.Async(view.TilesAsync, t => t.Any(x => x.Kpi == "AverageSpeedOfAnswer" && x.Severity is not null), TimeSpan.FromSeconds(30), "the highlighted tile");
        var tile = tiles.Single(t => t.Kpi == "AverageSpeedOfAnswer");
        Assert.Equal("Critical", tile.Severity);
        Assert.True(tile.Value > 60, $"the tile shows {tile.Value}, not above the 60 s limit");
        await Assertions.Expect(page.Locator("#tiles li.tile[data-kpi=\"AverageSpeedOfAnswer\"]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("sev-critical"));

        var id = await row.GetAttributeAsync("data-alert-id");
        using var api = app.Api("Supervisor");
        var alerts = JsonNode.Parse(await api.GetStringAsync(new Uri("api/alerts?status=open", UriKind.Relative)))!["alerts"]!.AsArray();
        var alert = alerts.Single(a => a!["id"]!.GetValue<string>() == id)!;
        Assert.Equal("AverageSpeedOfAnswer", alert["kpi"]!.GetValue<string>());
        Assert.Equal("Open", alert["status"]!.GetValue<string>());
        var shown = await row.InnerTextAsync();
        Assert.Contains(alert["severity"]!.GetValue<string>(), shown, StringComparison.Ordinal);
        Assert.Contains(alert["message"]!.GetValue<string>(), shown, StringComparison.Ordinal);

        // The value it opened at never changes, so page and API agree on it even while the alert updates.
        var opening = alert["openingValue"]!.GetValue<double>();
        Assert.True(opening > 60, $"opened at {opening}, not above the 60 s limit");
        var values = row.Locator("td.alert-values");
        var shownOpening = await values.GetAttributeAsync("data-opening-value");
        Assert.Equal(opening, double.Parse(shownOpening!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("opened at", await values.InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_alert_is_rolled_up_under_the_all_contacts_alert_and_has_no_task_link()
    {
        await app.EnsureStartedAsync(azurite);
        var page = await app.NewPageAsync();
        await new DashboardView(page).OpenAsync();

        // billing's waits breach its own 60 s limit and lift the all-contacts figures over theirs in the same windows, so the
        // shipped rules' roll-up (10 minutes) makes billing's alert a child of an all-contacts alert of its roll-up group (the
        // rules routed to the queue supervisors' workforce desk: wait, service level, abandonment, volume): one page, not two.
        var childRow = page.Locator("#alerts tbody tr[data-kpi=\"AverageSpeedOfAnswer\"][data-slice=\"queue=billing\"]").First;
        await childRow.WaitForAsync(new() { Timeout = (float)AlertTimeout.TotalMilliseconds });
        var childId = await childRow.GetAttributeAsync("data-alert-id");
        var parentId = await childRow.GetAttributeAsync("data-parent-id");
        Assert.False(string.IsNullOrEmpty(parentId), "billing's wait alert is listed as a child");
        var parentRow = page.Locator($"#alerts tbody tr[data-alert-id=\"{parentId}\"]");
        Assert.Equal("all", await parentRow.GetAttributeAsync("data-slice"));
        string[] queueDesk = ["AverageSpeedOfAnswer", "ServiceLevel", "AbandonmentRate", "ContactVolume"];
        Assert.Contains(await parentRow.GetAttributeAsync("data-kpi") ?? string.Empty, queueDesk);
        Assert.Contains("alert-child", await childRow.GetAttributeAsync("class") ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(0, await childRow.Locator("a.task-link").CountAsync());
        Assert.Contains("Handled with the alert above", await childRow.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await parentRow.Locator("a.task-link").CountAsync());

        // The page lists the child right under its parent and counts pages, not rows.
        var ids = await page.Locator("#alerts tbody tr")
            .EvaluateAllAsync<string[]>("rows => rows.map(r => r.getAttribute('data-alert-id'))");
        Assert.True(Array.IndexOf(ids, parentId) < Array.IndexOf(ids, childId), "the child is listed after its parent");
        var children = await page.Locator("#alerts tbody tr[data-parent-id]").CountAsync();
        Assert.Equal(
            (ids.Length - children).ToString(System.Globalization.CultureInfo.InvariantCulture), await page.InnerTextAsync("#alert-count"));

        using var api = app.Api("Supervisor");
        var alerts = JsonNode.Parse(await api.GetStringAsync(new Uri("api/alerts?status=all", UriKind.Relative)))!["alerts"]!.AsArray();
        var child = alerts.Single(a => a!["id"]!.GetValue<string>() == childId)!;
        Assert.Equal(parentId, child["parentId"]!.GetValue<string>());
    }
}
