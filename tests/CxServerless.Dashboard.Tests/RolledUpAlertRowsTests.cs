using System.Text.Json.Nodes;
using CxServerless.Dashboard.Tests.Support;
using CxServerless.Testing;

namespace CxServerless.Dashboard.Tests;

/// <summary>
/// The open-alerts list for rolled-up alerts, with the summary answered by the test (a Playwright route) so the list is
/// exact: a child listed under its all-contacts parent, and a child whose parent the viewer does not see (or which has just
/// resolved). Neither has a task of its own, so neither may link to one: the inbox would show nothing for it.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class RolledUpAlertRowsTests(AzuriteFixture azurite, DashboardApp app)
{
    private const string ParentId = "p0000000000000000000000000000001";
    private const string ChildId = "c0000000000000000000000000000001";
    private const string OrphanId = "c0000000000000000000000000000002";

    [Fact]
    public async Task Rolled_up_alerts_never_link_to_a_task_whether_or_not_their_parent_is_listed()
    {
        await app.EnsureStartedAsync(azurite);
        var page = await app.NewPageAsync();
        await page.RouteAsync("**/api/kpis/summary**", route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "application/json",
            Body = Summary().ToJsonString(),
        }));
        await page.RouteAsync(
            "**/api/kpis/series**", route => route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = Series }));
        await new DashboardView(page).OpenAsync();

        var parent = page.Locator($"#alerts tbody tr[data-alert-id=\"{ParentId}\"]");
        await parent.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(1, await parent.Locator("a.task-link").CountAsync());

        var child = page.Locator($"#alerts tbody tr[data-alert-id=\"{ChildId}\"]");
        Assert.Equal(ParentId, await child.GetAttributeAsync("data-parent-id"));
        Assert.Equal(0, await child.Locator("a.task-link").CountAsync());
        Assert.Contains("Handled with the alert above", await child.InnerTextAsync(), StringComparison.Ordinal);

        // The orphan's parent is not in the list: it is listed on its own, but it has no task either.
        var orphan = page.Locator($"#alerts tbody tr[data-alert-id=\"{OrphanId}\"]");
        Assert.Null(await orphan.GetAttributeAsync("data-parent-id"));
        Assert.Equal("p-not-listed", await orphan.GetAttributeAsync("data-rolled-up-into"));
        Assert.Equal(0, await orphan.Locator("a.task-link").CountAsync());
        Assert.Contains("Handled with an all-contacts alert", await orphan.InnerTextAsync(), StringComparison.Ordinal);

        // The parent is listed first and its child right after it; the count counts the rows not under a parent.
        var ids = await page.Locator("#alerts tbody tr")
            .EvaluateAllAsync<string[]>("rows => rows.map(r => r.getAttribute('data-alert-id'))");
        Assert.Equal([ParentId, ChildId, OrphanId], ids);
        Assert.Equal("2", await page.InnerTextAsync("#alert-count"));
    }

    private const string Series = """
        {"kpi":"ServiceLevel","slice":"all","window":"hopping:15m:1m","unit":"%","points":[],"baseline":[],"alerts":[]}
        """;

    private static JsonObject Alert(string id, string kpi, string slice, string severity, string? parentId) => new()
    {
        ["id"] = id,
        ["source"] = "detected",
        ["kpi"] = kpi,
        ["slice"] = slice,
        ["status"] = "Open",
        ["severity"] = severity,
        ["value"] = 70,
        ["openingValue"] = 72,
        ["peakValue"] = 68,
        ["openedAt"] = "2026-11-23T09:00:00Z",
        ["message"] = $"{severity}: {kpi} on {slice}",
        ["parentId"] = parentId,
    };

    private static JsonObject Summary() => new()
    {
        ["generatedAt"] = "2026-11-23T09:01:30Z",
        ["watermark"] = "2026-11-23T08:59:30Z",
        ["rulesVersion"] = "1.4.0",
        ["viewer"] = new JsonObject
        {
            ["name"] = "dev-supervisor",
            ["roles"] = new JsonArray("Supervisor"),
            ["team"] = null,
            ["scope"] = "all",
            ["development"] = true,
        },
        ["slices"] = new JsonArray("all"),
        ["tiles"] = new JsonArray(new JsonObject
        {
            ["kpi"] = "ServiceLevel",
            ["label"] = "Service level",
            ["unit"] = "%",
            ["slice"] = "all",
            ["window"] = "hopping:15m:1m",
            ["windowEnd"] = "2026-11-23T09:01:00Z",
            ["status"] = "provisional",
            ["value"] = 70,
            ["samples"] = 400,
            ["trend"] = new JsonArray(),
            ["alert"] = null,
        }),
        ["openAlerts"] = new JsonArray(
            Alert(ParentId, "ServiceLevel", "all", "Error", null),
            Alert(ChildId, "AbandonmentRate", "queue=billing", "Error", ParentId),
            Alert(OrphanId, "AbandonmentRate", "queue=sales", "Warning", "p-not-listed")),
        ["lateEvents"] = 0,
    };
}
