using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using CxServerless.Domain.Access;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Kpis;

/// <summary>
/// <c>GET /api/kpis/summary[?slice=]</c>: what the dashboard polls every second. The tiles of the caller's view, the
/// open alerts they may see and the late-event count, with an ETag built from the data version, so an unchanged
/// summary costs a 304 and no storage read; the body is built once per data version and view, however many viewers
/// poll. Supervisors' reads are audited at most once per ten minutes per caller and slice (a poll is not a new view).
/// </summary>
public sealed class KpiSummaryFunction(
    HttpFunctionServices services, KpiReadModel readModel, AlertStore alerts, KpiQueries queries, TimeProvider time)
    : HttpFunction(services)
{
    private static readonly TimeSpan AuditEvery = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, (string ETag, string Body)> _bodies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _audited = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override string Name => "KpiSummary";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles { get; } = CxRoles.All.ToHashSet();

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        var view = KpiView.For(caller.Roles, caller.Team);
        if (KpiQueries.ReadSlice(request, view.DefaultSlice, out var problem) is not { } slice)
        {
            return problem!;
        }

        if (view.Kpis.Count > 0 && !view.CanSee(slice))
        {
            return HttpTriggerResponse.Problem(403, "Forbidden", $"Your role does not show the slice {slice}.");
        }

        var snapshot = await readModel.GetAsync(cancellationToken);
        var stored = await alerts.ListAsync(cancellationToken);
        var status = await alerts.MonitorStatusAsync(cancellationToken);
        var alertStamp = (stored.Count == 0
            ? "0"
            : string.Create(CultureInfo.InvariantCulture, $"{stored.Count}.{stored.Sum(a => a.Version)}"))
            + "|" + status?.Version;
        var viewKey =
            $"{view.Scope}|{view.Team}|{string.Join(',', caller.Roles.Order(StringComparer.Ordinal))}|{caller.IsDevelopment}|{slice}";
        var etag = "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{snapshot.Version}|{alertStamp}|{queries.Rules.Version}|{viewKey}")))[..24] + "\"";
        await AuditAsync(caller, request, view, slice, cancellationToken);
        if (Matches(request.Header("If-None-Match"), etag))
        {
            return WithCaching(new HttpTriggerResponse(304, string.Empty), etag);
        }

        if (!_bodies.TryGetValue(viewKey, out var cached) || cached.ETag != etag)
        {
            cached = (etag, JsonSerializer.Serialize(
                Build(snapshot, stored, status, view, slice, caller), KpiJsonContext.Default.KpiSummaryResponse));
            _bodies[viewKey] = cached;
        }

        return WithCaching(new HttpTriggerResponse(200, cached.Body), etag);
    }

    private KpiSummaryResponse Build(
        KpiSnapshot snapshot, IReadOnlyList<StoredAlert> stored, MonitorStatus? status, KpiView view, Slice slice, CallerPrincipal caller)
    {
        var visibleAlerts = stored.Where(a => a.Alert.Status == AlertStatus.Open && view.CanSee(a.Alert.Kpi, a.Alert.Slice)).ToList();
        var tiles = view.Kpis.Select(kpi => queries.Tile(snapshot, kpi, slice, visibleAlerts, status)).ToList();
        var slices = snapshot.Slices().Where(view.CanSee).Select(s => s.ToString()).ToList();

        if (slices.Count == 0 && view.CanSee(view.DefaultSlice) && view.Kpis.Count > 0)
        {
            slices.Add(view.DefaultSlice.ToString());
        }

        var open = visibleAlerts
            .OrderByDescending(a => a.Alert.Severity)
            .ThenByDescending(a => a.Alert.OpenedAt)
            .Select(a => a.ToView())
            .ToList();
        var viewer = new KpiViewer(
            caller.Name,
            [.. caller.Roles.Order(StringComparer.Ordinal)],
            view.Team,
            view.Scope,
            caller.IsDevelopment,
            view.Kpis.Count == 0 ? "Your sign-in carries no team, so there are no team figures to show." : null);
        return new KpiSummaryResponse(
            time.GetUtcNow(),
            snapshot.Watermark,
            snapshot.MaxEventTime,
            queries.Rules.Version,
            viewer,
            slice.ToString(),
            slices,
            tiles,
            open,
            view.SeesAllSlices ? snapshot.TooLate : null);
    }

    private async Task AuditAsync(
        CallerPrincipal caller, HttpTriggerRequest request, KpiView view, Slice slice, CancellationToken cancellationToken)
    {
        var key = $"{caller.UserId ?? caller.Name}|{slice}";
        var now = time.GetUtcNow();
        if (_audited.TryGetValue(key, out var last) && now - last < AuditEvery)
        {
            return;
        }

        _audited[key] = now;
        await Services.Audit.WriteAsync(
            caller, $"GET {Name}", $"{request.Url.Split('?')[0]}?slice={slice}", $"view {view.Scope}", cancellationToken);
    }

    /// <summary>
    /// RFC 9110 weak comparison of If-None-Match with the current tag. Quotes and a <c>W/</c> prefix are ignored: the
    /// host may hand a quoted header value over as an encoded JSON string, which arrives unquoted.
    /// </summary>
    private static bool Matches(string? ifNoneMatch, string etag)
    {
        if (string.IsNullOrWhiteSpace(ifNoneMatch))
        {
            return false;
        }

        var current = etag.Trim('"');
        return ifNoneMatch.Split(',').Any(tag =>
        {
            var t = tag.Trim();
            t = t.StartsWith("W/", StringComparison.Ordinal) ? t[2..] : t;
            return t == "*" || string.Equals(t.Trim('"'), current, StringComparison.Ordinal);
        });
    }

    private static HttpTriggerResponse WithCaching(HttpTriggerResponse response, string etag)
    {
        response.Headers["ETag"] = etag;
        response.Headers["Cache-Control"] = "no-cache, private";
        return response;
    }
}
