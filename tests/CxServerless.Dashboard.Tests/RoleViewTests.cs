using System.Net;
using System.Text.Json.Nodes;
using CxServerless.Dashboard.Tests.Support;
using CxServerless.Testing;
using Microsoft.Playwright;

namespace CxServerless.Dashboard.Tests;

/// <summary>Views by role: what an agent's dashboard hides, and the development role switcher.</summary>
[Collection(AzuriteTests.Name)]
public sealed class RoleViewTests(AzuriteFixture azurite, DashboardApp app)
{
    private const string AgentTeam = "team=team-billing";
    private static readonly TimeSpan DataTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task An_agent_sees_only_their_teams_queue_figures_and_no_late_events_list()
    {
        await app.EnsureStartedAsync(azurite);
        var page = await app.NewPageAsync("Agent");
        var view = new DashboardView(page);
        await view.OpenAsync();

        var tiles = await view.WaitForValuesAsync(DataTimeout);

        Assert.All(tiles, t => Assert.Contains(t.Kpi, Kpis.AgentVisible));
        Assert.All(tiles, t => Assert.Equal(AgentTeam, t.Slice));
        Assert.Contains("Agent", await view.ViewerAsync(), StringComparison.Ordinal);
        Assert.Contains("team-billing", await view.ViewerAsync(), StringComparison.Ordinal);
        Assert.False(await view.IsVisibleAsync("#slice-field"), "an agent is offered other slices");
        Assert.False(await view.IsVisibleAsync("#late-details"), "an agent is offered the late-events list");
        var alertSlices = await page.Locator("#alerts tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.slice)");
        Assert.All(alertSlices, s => Assert.Equal(AgentTeam, s));
        var text = await page.InnerTextAsync("main");
        Assert.DoesNotContain("CSAT", text, StringComparison.Ordinal);
        Assert.DoesNotContain("team-support", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_refuses_an_agent_sensitive_series_other_slices_and_the_late_events()
    {
        await app.EnsureStartedAsync(azurite);
        using var agent = app.Api("Agent");

        var summary = JsonNode.Parse(await agent.GetStringAsync(new Uri("api/kpis/summary", UriKind.Relative)))!;
        Assert.All(summary["tiles"]!.AsArray(), t => Assert.Contains(t!["kpi"]!.GetValue<string>(), Kpis.AgentVisible));
        Assert.All(summary["slices"]!.AsArray(), s => Assert.Equal(AgentTeam, s!.GetValue<string>()));

        foreach (var kpi in Kpis.Sensitive)
        {
            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(agent, $"api/kpis/series?kpi={kpi}&slice={Uri.EscapeDataString(AgentTeam)}&minutes=60"));
        }

        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(agent, "api/kpis/series?kpi=AverageSpeedOfAnswer&slice=all&minutes=60"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(agent, $"api/kpis/series?kpi=AverageSpeedOfAnswer&slice={Uri.EscapeDataString("team=team-support")}&minutes=60"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(agent, "api/kpis/late"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(agent, $"api/kpis/series?kpi=AverageSpeedOfAnswer&slice={Uri.EscapeDataString(AgentTeam)}&minutes=60"));
    }

    [Fact]
    public async Task The_role_switcher_changes_the_view_in_development_mode()
    {
        await app.EnsureStartedAsync(azurite);
        var page = await app.NewPageAsync();
        var view = new DashboardView(page);
        await view.OpenAsync();
        var supervisorTiles = await view.WaitForValuesAsync(DataTimeout);
        Assert.Contains("Supervisor", await view.ViewerAsync(), StringComparison.Ordinal);
        Assert.True(await view.IsVisibleAsync("#dev-switcher"), "no role switcher for a development identity");
        Assert.Contains(supervisorTiles, t => Kpis.Sensitive.Contains(t.Kpi));

        // The switcher sets the cx-dev-role cookie and reloads; cx-host then presents an Agent.
        await page.SelectOptionAsync("#dev-role", "Agent");

        await Assertions.Expect(page.Locator("#viewer")).ToContainTextAsync("(Agent)", new() { Timeout = 60_000 });
        var agentTiles = await view.WaitForValuesAsync(DataTimeout);
        Assert.All(agentTiles, t => Assert.Contains(t.Kpi, Kpis.AgentVisible));
        Assert.All(agentTiles, t => Assert.Equal(AgentTeam, t.Slice));

        await page.Locator("#dev-team").FillAsync("team-support");
        await page.Locator("#dev-team").PressAsync("Enter");

        var supportTiles = await Eventually.Async(view.TilesAsync, t => t.Count > 0 && t.All(x => x.Slice == "team=team-support"), DataTimeout, "team-support's tiles");
        Assert.All(supportTiles, t => Assert.Contains(t.Kpi, Kpis.AgentVisible));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }
}
