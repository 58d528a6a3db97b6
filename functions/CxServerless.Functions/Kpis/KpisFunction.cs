using CxServerless.Domain.Access;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Kpis;

/// <summary>
/// <c>GET /api/kpis?kpi=&amp;slice=&amp;window=</c>: the newest window of one KPI (provisional until the watermark
/// passes its end), with its sample count and, for duration KPIs, the 50th, 90th and 95th percentiles.
/// </summary>
public sealed class KpisFunction(HttpFunctionServices services, KpiReadModel readModel, KpiQueries queries) : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "Kpis";

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

        if (!view.CanSee(kpi, slice))
        {
            await Services.Audit.WriteAsync(caller, $"GET {Name}", $"{kpi} {slice}", "forbidden", cancellationToken);
            return KpiQueries.Hidden(kpi, slice);
        }

        var snapshot = await readModel.GetAsync(cancellationToken);
        var latest = KpiQueries.Latest(snapshot, kpi, slice, window);
        if (KpiView.SensitiveKpis.Contains(kpi))
        {
            await Services.Audit.WriteAsync(caller, $"GET {Name}", $"{kpi} {slice}", "200", cancellationToken);
        }

        var sketch = latest?.Aggregate.Sketch;
        var body = new KpiWindowResponse(
            kpi.ToString(),
            KpiCatalog.Get(kpi).DisplayName,
            KpiQueries.Unit(KpiCatalog.Get(kpi)),
            slice.ToString(),
            WindowText.Format(window),
            latest?.Start,
            latest?.End,
            latest is null ? null : KpiQueries.Status(latest.Status),
            StoredAlert.Round(latest?.Value),
            latest?.SampleCount ?? 0,
            StoredAlert.Round(sketch?.Quantile(0.5)),
            StoredAlert.Round(sketch?.Quantile(0.9)),
            StoredAlert.Round(sketch?.Quantile(0.95)),
            snapshot.Watermark);
        var response = HttpTriggerResponse.Json(200, body, KpiJsonContext.Default.KpiWindowResponse);
        response.Headers["Cache-Control"] = "no-cache, private";
        return response;
    }
}
