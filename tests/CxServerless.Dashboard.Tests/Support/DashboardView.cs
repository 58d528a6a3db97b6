using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace CxServerless.Dashboard.Tests.Support;

/// <summary>One KPI tile as the page shows it.</summary>
internal sealed record TileView(string Kpi, string Slice, double? Value, string? Severity);

/// <summary>Reads the dashboard page the way a test needs it (the page exposes raw values in <c>data-</c> attributes).</summary>
internal sealed class DashboardView(IPage page)
{
    private const string ReadTiles = """
        () => Array.from(document.querySelectorAll('#tiles li.tile')).map(li => ({
          kpi: li.dataset.kpi,
          slice: li.dataset.slice,
          value: li.querySelector('.tile-value').dataset.value,
          severity: li.dataset.alertSeverity || null
        }))
        """;

    private const string InkedPixels = """
        () => {
          const canvas = document.querySelector('#chart canvas');
          if (!canvas || !canvas.width || !canvas.height) { return 0; }
          const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          let inked = 0;
          for (let i = 3; i < data.length; i += 4) { if (data[i] !== 0) { inked++; } }
          return inked;
        }
        """;

    public IPage Page => page;

    public Task OpenAsync() => page.GotoAsync("api/dashboard");

    public async Task<IReadOnlyList<TileView>> TilesAsync()
    {
        var tiles = await page.EvaluateAsync<JsonElement>(ReadTiles);
        return [.. tiles.EnumerateArray().Select(t => new TileView(
            t.GetProperty("kpi").GetString()!,
            t.GetProperty("slice").GetString()!,
            t.GetProperty("value").GetString() is { Length: > 0 } v ? double.Parse(v, CultureInfo.InvariantCulture) : null,
            t.GetProperty("severity").ValueKind == JsonValueKind.String ? t.GetProperty("severity").GetString() : null))];
    }

    /// <summary>Waits until the page shows tiles, at least one with a value.</summary>
    public Task<IReadOnlyList<TileView>> WaitForValuesAsync(TimeSpan timeout) =>
        Eventually.Async(TilesAsync, t => t.Any(x => x.Value is not null), timeout, "tiles with values on the page");

    public async Task<string?> ETagAsync() => await page.GetAttributeAsync("body", "data-etag");

    public async Task<string> StateAsync() => await page.GetAttributeAsync("body", "data-state") ?? string.Empty;

    public Task<string> ViewerAsync() => page.InnerTextAsync("#viewer");

    public Task<int> ChartInkAsync() => page.EvaluateAsync<int>(InkedPixels);

    public async Task<int> ChartPointsAsync() =>
        int.TryParse(await page.GetAttributeAsync("#chart", "data-points"), CultureInfo.InvariantCulture, out var n) ? n : 0;

    public Task<bool> IsVisibleAsync(string selector) => page.Locator(selector).IsVisibleAsync();
}
