using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Analytics.Windows;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Kpis;

/// <summary>The KPI read logic shared by the HTTP APIs: which window a KPI uses, tiles, and request parsing.</summary>
public sealed class KpiQueries(RuleSet rules)
{
    /// <summary>The window of a KPI with no rule: 15 minutes, every minute.</summary>
    public static WindowSpec DefaultWindow { get; } = WindowSpec.Hopping(TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(1));

    /// <summary>The number of window ends in a tile's trend.</summary>
    public const int TrendLength = 30;

    /// <summary>The rules.</summary>
    public RuleSet Rules => rules;

    /// <summary>
    /// The window the rules watch <paramref name="kpi"/> with for <paramref name="slice"/> (or the rule for all slices), else the default.
    /// </summary>
    public WindowSpec WindowFor(KpiId kpi, Slice slice) =>
        (rules.RuleFor(kpi, slice) ?? rules.RuleFor(kpi, Slice.All) ?? rules.Rules.FirstOrDefault(r => r.Kpi == kpi))?.Window
        ?? DefaultWindow;

    /// <summary>The newest window of a KPI: the one whose end is the first grid end at or after the newest event time.</summary>
    public static WindowResult? Latest(KpiSnapshot snapshot, KpiId kpi, Slice slice, WindowSpec window)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var end = window.FirstEndAtOrAfter(snapshot.DataNow);
        var windows = snapshot.Windows(kpi, slice, window, end - (window.Kind == WindowKind.Sliding ? window.Size : TimeSpan.Zero), end);
        return windows.Count > 0 ? windows[^1] : null;
    }

    /// <summary>
    /// One KPI tile: the newest window, its trend, the open alert on it, and whether its baseline is still learning:
    /// true when the rule watching it has a detector that learns and the evaluator's <paramref name="status"/> does not
    /// list it as judging; false when it judges or nothing learns; null before the evaluator published a status.
    /// </summary>
    public KpiTile Tile(
        KpiSnapshot snapshot, KpiId kpi, Slice slice, IReadOnlyList<StoredAlert> openAlerts, MonitorStatus? status = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var definition = KpiCatalog.Get(kpi);
        var window = WindowFor(kpi, slice);
        var end = window.FirstEndAtOrAfter(snapshot.DataNow);
        var windows = snapshot.Windows(kpi, slice, window, end - (window.Hop * (TrendLength - 1)), end);
        var byEnd = windows.ToDictionary(w => w.End);
        var latest = windows.Count > 0 && windows[^1].End == end ? windows[^1] : null;
        var trend = new List<TrendPoint>(TrendLength);
        for (var i = TrendLength - 1; i >= 0; i--)
        {
            var at = end - (window.Hop * i);
            trend.Add(new TrendPoint(at, byEnd.TryGetValue(at, out var w) ? StoredAlert.Round(w.Value) : null));
        }

        var alert = openAlerts.Where(a => a.Alert.Kpi == kpi && a.Alert.Slice == slice).MaxBy(a => a.Alert.Severity);
        bool? learning = rules.RuleFor(kpi, slice) is not { HasBaseline: true } ? false
            : status?.IsReady(kpi, slice) is { } ready ? !ready
            : null;
        return new KpiTile(
            kpi.ToString(),
            definition.DisplayName,
            Unit(definition),
            definition.HigherIsBetter,
            slice.ToString(),
            WindowText.Format(window),
            latest?.End,
            latest is null ? null : Status(latest.Status),
            StoredAlert.Round(latest?.Value),
            latest?.SampleCount ?? 0,
            trend,
            alert is null ? null : new TileAlert(alert.Alert.Id, alert.Alert.Severity.ToString()),
            learning);
    }

    /// <summary>The unit shown for a KPI.</summary>
    public static string Unit(KpiDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Kind == KpiValueKind.Count ? "count" : definition.Unit;
    }

    /// <summary>The API's name of a window status.</summary>
    public static string Status(WindowStatus status) => status == WindowStatus.Final ? "final" : "provisional";

    /// <summary>Reads the <c>kpi</c> query parameter; null with a 400 problem when missing or unknown.</summary>
    public static KpiId? ReadKpi(HttpTriggerRequest request, out HttpTriggerResponse? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        problem = null;
        if (!request.Query.TryGetValue("kpi", out var text) || string.IsNullOrWhiteSpace(text))
        {
            problem = HttpTriggerResponse.Problem(
                400, "Bad request", "The query parameter 'kpi' is required, for example kpi=AverageSpeedOfAnswer.");
            return null;
        }

        if (!KpiCatalog.TryParse(text, out var kpi))
        {
            problem = HttpTriggerResponse.Problem(400, "Bad request",
                $"'{Truncate(text)}' is not a KPI; known KPIs: {string.Join(", ", Enum.GetNames<KpiId>())}.");
            return null;
        }

        return kpi;
    }

    /// <summary>
    /// Reads the <c>slice</c> query parameter (default <paramref name="fallback"/>); null with a 400 problem when malformed.
    /// </summary>
    public static Slice? ReadSlice(HttpTriggerRequest request, Slice fallback, out HttpTriggerResponse? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        problem = null;
        if (!request.Query.TryGetValue("slice", out var text) || string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!Slice.TryParse(text, out var slice))
        {
            problem = HttpTriggerResponse.Problem(400, "Bad request",
                $"'{Truncate(text)}' is not a slice; use all, channel=<name>, queue=<name>, team=<name> or region=<name>.");
            return null;
        }

        return slice;
    }

    /// <summary>Reads the <c>window</c> query parameter (default the rules' window); null with a 400 problem when malformed.</summary>
    public WindowSpec? ReadWindow(HttpTriggerRequest request, KpiId kpi, Slice slice, out HttpTriggerResponse? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        problem = null;
        if (!request.Query.TryGetValue("window", out var text) || string.IsNullOrWhiteSpace(text))
        {
            return WindowFor(kpi, slice);
        }

        var window = WindowText.TryParse(text, out var error);
        if (window is null)
        {
            problem = HttpTriggerResponse.Problem(400, "Bad request", Truncate(error!, 300));
        }

        return window;
    }

    /// <summary>403 for a KPI or slice the caller may not see.</summary>
    public static HttpTriggerResponse Hidden(KpiId kpi, Slice slice) =>
        HttpTriggerResponse.Problem(403, "Forbidden", $"Your role does not show {kpi} for {slice}.");

    private static string Truncate(string text, int max = 60) => text.Length <= max ? text : text[..max] + "…";
}
