using System.Globalization;
using CxServerless.Domain.Access;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Kpis;

/// <summary>
/// <c>GET /api/kpis/series?kpi=&amp;slice=&amp;window=&amp;minutes=</c>: a KPI's windows over the last
/// <c>minutes</c> (default 60, 5 to 1440) of event time, with the detectors' baseline band and the alerts on it, for
/// charts. Reads of sensitive KPIs are audited.
/// </summary>
public sealed class KpiSeriesFunction(
    HttpFunctionServices services, KpiReadModel readModel, AlertStore alerts, BaselineStore baselines, KpiQueries queries)
    : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "KpiSeries";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles { get; } = CxRoles.All.ToHashSet();

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        var view = KpiView.For(caller.Roles, caller.Team);
        if (KpiQueries.ReadKpi(request, out var problem) is not { } kpi
            || KpiQueries.ReadSlice(request, view.DefaultSlice, out problem) is not { } slice
            || queries.ReadWindow(request, kpi, slice, out problem) is not { } window)
        {
            return problem!;
        }

        var minutes = 60;
        if (request.Query.TryGetValue("minutes", out var text) && !string.IsNullOrWhiteSpace(text)
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out minutes) || minutes is < 5 or > 1440))
        {
            return HttpTriggerResponse.Problem(400, "Bad request", "The query parameter 'minutes' must be a whole number from 5 to 1440.");
        }

        if (!view.CanSee(kpi, slice))
        {
            await Services.Audit.WriteAsync(caller, $"GET {Name}", $"{kpi} {slice}", "forbidden", cancellationToken);
            return KpiQueries.Hidden(kpi, slice);
        }

        var snapshot = await readModel.GetAsync(cancellationToken);
        var end = window.FirstEndAtOrAfter(snapshot.DataNow);
        var from = end - TimeSpan.FromMinutes(minutes);
        var points = snapshot.Windows(kpi, slice, window, from, end)
            .Select(w => new SeriesPoint(w.End, StoredAlert.Round(w.Value), w.SampleCount, KpiQueries.Status(w.Status)))
            .ToList();
        var band = new List<BaselineBandPoint>();
        if (queries.Rules.RuleFor(kpi, slice) is { } rule && rule.Window == window)
        {
            band.AddRange((await baselines.ReadAsync(kpi, slice, from, cancellationToken)).Select(p =>
                new BaselineBandPoint(p.End, StoredAlert.Round(p.Mean), StoredAlert.Round(p.Lower), StoredAlert.Round(p.Upper))));
        }

        var marks = (await alerts.ListAsync(cancellationToken))
            .Where(a => a.Alert.Kpi == kpi && a.Alert.Slice == slice
                && (a.Alert.ResolvedAt is null || a.Alert.ResolvedAt >= from || a.UpdatedAt >= from))
            .Select(a => new AlertMark(
                a.Alert.Id, a.Alert.Severity.ToString(), a.Alert.Status.ToString(), a.Alert.OpenedAt, a.Alert.WindowEnd,
                a.Alert.ResolvedAt))
            .ToList();

        if (KpiView.SensitiveKpis.Contains(kpi))
        {
            await Services.Audit.WriteAsync(caller, $"GET {Name}", $"{kpi} {slice}", "200", cancellationToken);
        }

        var definition = KpiCatalog.Get(kpi);
        var body = new KpiSeriesResponse(
            kpi.ToString(), definition.DisplayName, slice.ToString(), WindowText.Format(window), KpiQueries.Unit(definition),
            snapshot.Watermark, points, band, marks);
        var response = HttpTriggerResponse.Json(200, body, KpiJsonContext.Default.KpiSeriesResponse);
        response.Headers["Cache-Control"] = "no-cache, private";
        return response;
    }
}
