using System.Text.Json;
using System.Text.Json.Serialization;
using CxServerless.Functions.Analytics;

namespace CxServerless.Functions.Kpis;

/// <summary>The body of <c>GET /api/kpis</c>: the newest window of one KPI.</summary>
/// <param name="Kpi">The KPI id.</param>
/// <param name="Label">Its display name.</param>
/// <param name="Unit">Its unit (<c>count</c> for counts).</param>
/// <param name="Slice">The slice.</param>
/// <param name="Window">The window, as <c>15m/1m</c>.</param>
/// <param name="WindowStart">The window's start; null when no window has data.</param>
/// <param name="WindowEnd">The window's end; null when no window has data.</param>
/// <param name="Status">provisional until the watermark passes the end, then final.</param>
/// <param name="Value">The value, rounded to 3 decimals.</param>
/// <param name="Samples">The number of observations.</param>
/// <param name="P50">The median, for duration KPIs.</param>
/// <param name="P90">The 90th percentile, for duration KPIs.</param>
/// <param name="P95">The 95th percentile, for duration KPIs.</param>
/// <param name="Watermark">The event-time watermark.</param>
public sealed record KpiWindowResponse(
    string Kpi, string Label, string Unit, string Slice, string Window, DateTimeOffset? WindowStart, DateTimeOffset? WindowEnd,
    string? Status, double? Value, long Samples, double? P50, double? P90, double? P95, DateTimeOffset? Watermark);

/// <summary>One KPI tile of the summary.</summary>
/// <param name="Kpi">The KPI id.</param>
/// <param name="Label">Its display name.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="HigherIsBetter">True when a rise is good news.</param>
/// <param name="Slice">The slice.</param>
/// <param name="Window">The window the rules watch it with.</param>
/// <param name="WindowEnd">The newest window's end, when it has data.</param>
/// <param name="Status">provisional or final.</param>
/// <param name="Value">The newest window's value.</param>
/// <param name="Samples">Its observations.</param>
/// <param name="Trend">The last 30 window ends, oldest first.</param>
/// <param name="Alert">The most severe open alert on it.</param>
/// <param name="Learning">True while its baseline learns; false when it judges or nothing learns; null before the
/// evaluator published its status.</param>
public sealed record KpiTile(
    string Kpi, string Label, string Unit, bool HigherIsBetter, string Slice, string Window, DateTimeOffset? WindowEnd,
    string? Status, double? Value, long Samples, IReadOnlyList<TrendPoint> Trend, TileAlert? Alert, bool? Learning);

/// <summary>One point of a tile's trend.</summary>
/// <param name="End">The window end.</param>
/// <param name="Value">The value, or null when the window has no data.</param>
public sealed record TrendPoint(DateTimeOffset End, double? Value);

/// <summary>The open alert shown on a tile.</summary>
/// <param name="Id">The alert id.</param>
/// <param name="Severity">Its severity.</param>
public sealed record TileAlert(string Id, string Severity);

/// <summary>The body of <c>GET /api/kpis/summary</c>.</summary>
/// <param name="GeneratedAt">When it was built.</param>
/// <param name="Watermark">The event-time watermark.</param>
/// <param name="NewestEventTime">The newest event time seen.</param>
/// <param name="RulesVersion">The rules version in force.</param>
/// <param name="Viewer">Who asked, and what they may see.</param>
/// <param name="Slice">The slice shown.</param>
/// <param name="Slices">The slices the viewer may pick.</param>
/// <param name="Tiles">One tile per KPI the viewer may see.</param>
/// <param name="OpenAlerts">The open alerts the viewer may see, most severe first.</param>
/// <param name="LateEvents">Events too late for their window (floor-wide viewers only).</param>
public sealed record KpiSummaryResponse(
    DateTimeOffset GeneratedAt, DateTimeOffset? Watermark, DateTimeOffset? NewestEventTime, string RulesVersion, KpiViewer Viewer,
    string Slice, IReadOnlyList<string> Slices, IReadOnlyList<KpiTile> Tiles, IReadOnlyList<DetectedAlertView> OpenAlerts,
    long? LateEvents);

/// <summary>The viewer of a summary.</summary>
/// <param name="Name">The signed-in name.</param>
/// <param name="Roles">Their roles, sorted.</param>
/// <param name="Team">Their team claim.</param>
/// <param name="Scope">all or team.</param>
/// <param name="Development">True for a development identity.</param>
/// <param name="Message">Why nothing is shown, when nothing is.</param>
public sealed record KpiViewer(string Name, IReadOnlyList<string> Roles, string? Team, string Scope, bool Development, string? Message);

/// <summary>The body of <c>GET /api/kpis/series</c>.</summary>
/// <param name="Kpi">The KPI id.</param>
/// <param name="Label">Its display name.</param>
/// <param name="Slice">The slice.</param>
/// <param name="Window">The window.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Watermark">The event-time watermark.</param>
/// <param name="Points">The windows, oldest first.</param>
/// <param name="Baseline">The detector's baseline band, when the rules watch this window.</param>
/// <param name="Alerts">The alerts on this KPI and slice in the range.</param>
public sealed record KpiSeriesResponse(
    string Kpi, string Label, string Slice, string Window, string Unit, DateTimeOffset? Watermark,
    IReadOnlyList<SeriesPoint> Points, IReadOnlyList<BaselineBandPoint> Baseline, IReadOnlyList<AlertMark> Alerts);

/// <summary>One window of a series.</summary>
/// <param name="End">The window end.</param>
/// <param name="Value">Its value.</param>
/// <param name="Samples">Its observations.</param>
/// <param name="Status">provisional or final.</param>
public sealed record SeriesPoint(DateTimeOffset End, double? Value, long Samples, string Status);

/// <summary>One point of the baseline band.</summary>
/// <param name="End">The window end.</param>
/// <param name="Mean">The baseline.</param>
/// <param name="Lower">The lower bound.</param>
/// <param name="Upper">The upper bound.</param>
public sealed record BaselineBandPoint(DateTimeOffset End, double? Mean, double? Lower, double? Upper);

/// <summary>An alert marked on a series.</summary>
/// <param name="Id">The alert id.</param>
/// <param name="Severity">Its severity.</param>
/// <param name="Status">Open or Resolved.</param>
/// <param name="OpenedAt">When it opened.</param>
/// <param name="WindowEnd">Its latest window's end.</param>
/// <param name="ResolvedAt">When it resolved.</param>
public sealed record AlertMark(
    string Id, string Severity, string Status, DateTimeOffset OpenedAt, DateTimeOffset WindowEnd, DateTimeOffset? ResolvedAt);

/// <summary>The body of <c>GET /api/kpis/late</c>.</summary>
/// <param name="Count">Events too late for their window since the counters began.</param>
/// <param name="AllowedLatenessSeconds">The allowed lateness.</param>
/// <param name="Watermark">The event-time watermark.</param>
/// <param name="Events">The most recent late events of the last 7 days, at most 200.</param>
public sealed record LateEventsResponse(
    long Count, double AllowedLatenessSeconds, DateTimeOffset? Watermark, IReadOnlyList<LateEvent> Events);

/// <summary>Source-generated JSON for the KPI read API; nulls are written, as the dashboard reads every field.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(KpiWindowResponse))]
[JsonSerializable(typeof(KpiSummaryResponse))]
[JsonSerializable(typeof(KpiSeriesResponse))]
[JsonSerializable(typeof(LateEventsResponse))]
internal sealed partial class KpiJsonContext : JsonSerializerContext;
