using System.Text.Json.Nodes;
using CxServerless.Dashboard.Tests.Support;
using CxServerless.Testing;
using Microsoft.Playwright;

namespace CxServerless.Dashboard.Tests;

/// <summary>
/// The page's refresh loop, with the summary and series answered by the test (Playwright routes) so each state is
/// exact: a 304 leaves the page untouched, a failing API turns it offline, and the next 200 brings it back.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class PollingTests(AzuriteFixture azurite, DashboardApp app)
{
    [Fact]
    public async Task Polls_with_if_none_match_keeps_the_page_on_304_and_shows_offline_then_recovers()
    {
        await app.EnsureStartedAsync(azurite);
        var page = await app.NewPageAsync();
        var view = new DashboardView(page);
        var summary = new FakeSummary();
        await page.RouteAsync("**/api/kpis/summary**", summary.HandleAsync);
        await page.RouteAsync("**/api/kpis/series**", route => route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = FakeSummary.Series }));
        await view.OpenAsync();

        var tiles = await view.WaitForValuesAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(42.5, Assert.Single(tiles).Value);
        await page.EvaluateAsync("() => { document.querySelector('#tiles li').dataset.marker = 'first-render'; }");

        var before = summary.NotModified;
        await Eventually.Async(() => Task.FromResult(summary.NotModified), n => n >= before + 3, TimeSpan.FromSeconds(30), "three 304 answers");
        Assert.Equal("first-render", await page.GetAttributeAsync("#tiles li", "data-marker"));
        Assert.Equal("live", await view.StateAsync());
        Assert.All(summary.ConditionalHeaders.Skip(1), h => Assert.Equal(FakeSummary.FirstETag, h));

        summary.Failing = true;
        await Eventually.Async(view.StateAsync, s => s == "offline", TimeSpan.FromSeconds(30), "the offline state");
        Assert.Contains("Offline", await page.InnerTextAsync("#status"), StringComparison.Ordinal);
        Assert.Equal(42.5, Assert.Single(await view.TilesAsync()).Value);

        summary.Failing = false;
        summary.Value = 61.25;
        var recovered = await Eventually.Async(view.TilesAsync, t => t.Count == 1 && t[0].Value == 61.25, TimeSpan.FromSeconds(30), "the new value");
        Assert.Null(await page.GetAttributeAsync("#tiles li", "data-marker"));
        Assert.Equal("live", await view.StateAsync());
        Assert.Single(recovered);
    }

    /// <summary>A summary endpoint with a controllable value, ETag handling and failure switch.</summary>
    private sealed class FakeSummary
    {
        public const string FirstETag = "\"v-42.5\"";

        public const string Series = """
            {"kpi":"AverageSpeedOfAnswer","slice":"all","window":"hopping:15m:1m","unit":"s",
             "points":[{"end":"2026-11-23T09:00:00Z","value":40,"samples":10,"status":"final"},{"end":"2026-11-23T09:01:00Z","value":42.5,"samples":12,"status":"provisional"}],
             "baseline":[{"end":"2026-11-23T09:00:00Z","mean":30,"lower":20,"upper":40},{"end":"2026-11-23T09:01:00Z","mean":30,"lower":20,"upper":40}],
             "alerts":[]}
            """;

        private readonly object _gate = new();
        private readonly List<string?> _conditional = [];

        public volatile bool Failing;

        public double Value { get; set; } = 42.5;

        public int NotModified { get; private set; }

        public IReadOnlyList<string?> ConditionalHeaders
        {
            get
            {
                lock (_gate)
                {
                    return [.. _conditional];
                }
            }
        }

        public async Task HandleAsync(IRoute route)
        {
            if (Failing)
            {
                await route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Body = """{"status":503}""" });
                return;
            }

            var etag = $"\"v-{Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"";
            route.Request.Headers.TryGetValue("if-none-match", out var ifNoneMatch);
            lock (_gate)
            {
                _conditional.Add(ifNoneMatch);
            }

            if (ifNoneMatch == etag)
            {
                NotModified++;
                await route.FulfillAsync(new() { Status = 304, Headers = new Dictionary<string, string> { ["ETag"] = etag } });
                return;
            }

            await route.FulfillAsync(new()
            {
                Status = 200,
                ContentType = "application/json",
                Headers = new Dictionary<string, string> { ["ETag"] = etag },
                Body = Body(Value).ToJsonString(),
            });
        }

        private static JsonObject Body(double value) => new()
        {
            ["generatedAt"] = "2026-11-23T09:01:30Z",
            ["watermark"] = "2026-11-23T08:59:30Z",
            ["rulesVersion"] = "1.0.0",
            ["viewer"] = new JsonObject { ["name"] = "dev-supervisor", ["roles"] = new JsonArray("Supervisor"), ["team"] = null, ["scope"] = "all", ["development"] = true },
            ["slices"] = new JsonArray("all"),
            ["tiles"] = new JsonArray(new JsonObject
            {
                ["kpi"] = "AverageSpeedOfAnswer",
                ["label"] = "Average speed of answer",
                ["unit"] = "s",
                ["slice"] = "all",
                ["window"] = "hopping:15m:1m",
                ["windowEnd"] = "2026-11-23T09:01:00Z",
                ["status"] = "provisional",
                ["value"] = value,
                ["samples"] = 12,
                ["trend"] = new JsonArray(new JsonObject { ["end"] = "2026-11-23T09:00:00Z", ["value"] = 40 }, new JsonObject { ["end"] = "2026-11-23T09:01:00Z", ["value"] = value }),
                ["alert"] = null,
            }),
            ["openAlerts"] = new JsonArray(),
            ["lateEvents"] = 0,
        };
    }
}
