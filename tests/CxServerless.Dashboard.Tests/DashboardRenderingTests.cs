using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CxServerless.Dashboard.Tests.Support;
using CxServerless.Testing;
using Microsoft.Playwright;

namespace CxServerless.Dashboard.Tests;

/// <summary>A supervisor's dashboard in headless Chromium against the real app: tiles, the chart, the API's figures.</summary>
[Collection(AzuriteTests.Name)]
public sealed class DashboardRenderingTests(AzuriteFixture azurite, DashboardApp app)
{
    private static readonly TimeSpan DataTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Tiles_and_the_chart_render_and_the_tile_values_equal_the_api_at_the_same_moment()
    {
        await app.EnsureStartedAsync(azurite);
        var page = await app.NewPageAsync();
        await page.AddInitScriptAsync(CspProbe.Script);
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        var view = new DashboardView(page);
        await view.OpenAsync();
        await view.WaitForValuesAsync(DataTimeout);

        // The page charts the first alerting tile, else the first with a value, without a click.
        var charted = await Eventually.Async(() => page.GetAttributeAsync("#chart", "data-kpi"), k => k is not null, DataTimeout, "a charted KPI");
        Assert.Contains(await view.TilesAsync(), t => t.Kpi == charted && (t.Value is not null || t.Severity is not null));
        await page.Locator("#chart canvas").First.WaitForAsync();
        await Eventually.Async(view.ChartPointsAsync, n => n > 0, DataTimeout, "points on the chart");
        var ink = await Eventually.Async(view.ChartInkAsync, n => n > 0, TimeSpan.FromSeconds(30), "a drawn chart");
        Assert.True(ink > 0);

        using var api = app.Api("Supervisor");
        app.PauseTraffic();
        try
        {
            // Batches sent just before the pause are still being ingested: wait until the figures stop moving, so the
            // later GET /api/kpis reads the same data as the summary the page shows.
            await QuiesceAsync(api);
            var (summary, pageTiles) = await SameMomentAsync(view, api);
            var apiTiles = summary["tiles"]!.AsArray().Select(t => t!.AsObject()).ToList();
            Assert.NotEmpty(apiTiles);
            Assert.Equal(apiTiles.Select(t => t["kpi"]!.GetValue<string>()), pageTiles.Select(t => t.Kpi));
            foreach (var (expected, shown) in apiTiles.Zip(pageTiles))
            {
                Assert.Equal(expected["slice"]!.GetValue<string>(), shown.Slice);
                AssertSameValue(expected["value"], shown.Value, shown.Kpi);
                Assert.Equal(expected["alert"]?["severity"]?.GetValue<string>(), shown.Severity);
            }

            var checkedLatest = 0;
            foreach (var tile in apiTiles.Where(t => t["windowEnd"] is not null && t["value"] is not null))
            {
                var latest = await GetJsonAsync(api, $"api/kpis?kpi={tile["kpi"]}&slice={Uri.EscapeDataString(tile["slice"]!.GetValue<string>())}&window={Uri.EscapeDataString(tile["window"]!.GetValue<string>())}");
                if (SameInstant(latest["windowEnd"], tile["windowEnd"]))
                {
                    var shown = pageTiles.Single(t => t.Kpi == tile["kpi"]!.GetValue<string>());
                    AssertSameValue(latest["value"], shown.Value, shown.Kpi);
                    checkedLatest++;
                }
            }

            Assert.True(checkedLatest > 0, "no tile's window was the latest window of GET /api/kpis");
        }
        finally
        {
            app.ResumeTraffic();
        }

        Assert.Empty(errors);
        Assert.Empty(await CspProbe.ViolationsAsync(page));
    }

    [Fact]
    public async Task Clicking_a_tile_or_pressing_enter_on_it_charts_that_kpi()
    {
        await app.EnsureStartedAsync(azurite);
        var page = await app.NewPageAsync();
        var view = new DashboardView(page);
        await view.OpenAsync();
        var tiles = (await view.WaitForValuesAsync(DataTimeout)).Where(t => t.Value is not null).ToList();
        Assert.True(tiles.Count >= 2, "fewer than two tiles with values");
        var (clicked, keyed) = (tiles[^1], tiles[^2]);

        await page.Locator($"#tiles button[data-kpi=\"{clicked.Kpi}\"]").ClickAsync();

        await Assertions.Expect(page.Locator("#chart")).ToHaveAttributeAsync("data-kpi", clicked.Kpi);
        await Assertions.Expect(page.Locator($"#tiles button[data-kpi=\"{clicked.Kpi}\"]")).ToHaveAttributeAsync("aria-pressed", "true");
        await Eventually.Async(view.ChartInkAsync, n => n > 0, TimeSpan.FromSeconds(30), "a drawn chart");

        await page.Locator($"#tiles button[data-kpi=\"{keyed.Kpi}\"]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("#chart")).ToHaveAttributeAsync("data-kpi", keyed.Kpi);
        await Assertions.Expect(page.Locator($"#tiles button[data-kpi=\"{clicked.Kpi}\"]")).ToHaveAttributeAsync("aria-pressed", "false");
    }

    [Fact]
    public async Task The_slice_selector_shows_another_slice()
    {
        await app.EnsureStartedAsync(azurite);
        var page = await app.NewPageAsync();
        var view = new DashboardView(page);
        await view.OpenAsync();
        await view.WaitForValuesAsync(DataTimeout);
        Assert.True(await view.IsVisibleAsync("#slice-field"));

        await page.SelectOptionAsync("#slice", "queue=billing");

        var tiles = await Eventually.Async(view.TilesAsync, t => t.Count > 0 && t.All(x => x.Slice == "queue=billing"), DataTimeout, "tiles of queue=billing");
        Assert.Contains(tiles, t => t.Kpi == "AverageSpeedOfAnswer");
    }

    [Fact]
    public async Task A_supervisor_sees_the_late_events_count_and_can_list_them()
    {
        await app.EnsureStartedAsync(azurite);
        var page = await app.NewPageAsync();
        var view = new DashboardView(page);
        await view.OpenAsync();

        await Eventually.Async(
            async () => int.Parse(await page.InnerTextAsync("#late-count"), CultureInfo.InvariantCulture),
            n => n >= app.LateEventsSent, DataTimeout, "the late events counted");
        Assert.True(await view.IsVisibleAsync("#late-details"));

        await page.ClickAsync("#late-details summary");

        await Assertions.Expect(page.Locator("#late-list tbody tr").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.True(await page.Locator("#late-list tbody tr").CountAsync() >= app.LateEventsSent);
    }

    /// <summary>
    /// Fetches the summary as the page's caller would and waits until the page shows that same version (its ETag):
    /// then both describe the same moment. Retries while the figures are still moving.
    /// </summary>
    private static async Task<(JsonObject Summary, IReadOnlyList<TileView> Tiles)> SameMomentAsync(DashboardView view, HttpClient api)
    {
        var moment = await Eventually.Async(async () =>
        {
            using var response = await api.GetAsync(new Uri("api/kpis/summary", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var etag = response.Headers.ETag?.ToString();
            Assert.False(string.IsNullOrEmpty(etag), "the summary has no ETag");
            var summary = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            await Eventually.Async(view.ETagAsync, e => e == etag, TimeSpan.FromSeconds(6), "the page to show the same summary");
            var tiles = await view.TilesAsync();
            return (Summary: summary, Tiles: tiles, Same: await view.ETagAsync() == etag);
        }, r => r.Same, DataTimeout, "a moment when page and API agree");
        return (moment.Summary, moment.Tiles);
    }

    /// <summary>Waits until the summary's ETag stays the same over three seconds (nothing in flight any more).</summary>
    private static async Task QuiesceAsync(HttpClient api)
    {
        async Task<string?> ETagAsync()
        {
            using var response = await api.GetAsync(new Uri("api/kpis/summary", UriKind.Relative));
            return response.Headers.ETag?.ToString();
        }

        await Eventually.Async(async () =>
        {
            var before = await ETagAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
            return before is not null && before == await ETagAsync();
        }, still => still, DataTimeout, "the figures to stop moving after the traffic paused");
    }

    private static async Task<JsonObject> GetJsonAsync(HttpClient api, string path)
    {
        using var response = await api.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static bool SameInstant(JsonNode? a, JsonNode? b) =>
        a is not null && b is not null &&
        DateTimeOffset.Parse(a.GetValue<string>(), CultureInfo.InvariantCulture) == DateTimeOffset.Parse(b.GetValue<string>(), CultureInfo.InvariantCulture);

    private static void AssertSameValue(JsonNode? expected, double? shown, string kpi)
    {
        if (expected is null)
        {
            Assert.True(shown is null, $"{kpi}: the page shows {shown}, the API no value");
            return;
        }

        Assert.True(shown is not null, $"{kpi}: the page shows no value, the API {expected}");
        Assert.Equal(expected.GetValue<double>(), shown.Value, 9);
    }
}
