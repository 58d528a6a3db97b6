using System.Globalization;
using System.Text.Json.Nodes;
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
public sealed class KpiSeriesFunction(HttpFunctionServices services, KpiReadModel readModel, AlertStore alerts, BaselineStore baselines, KpiQueries queries)
    : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "KpiSeries";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles { get; } = CxRoles.All.ToHashSet();

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
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
        var points = new JsonArray();
        foreach (var w in snapshot.Windows(kpi, slice, window, from, end))
        {
            points.Add(new JsonObject
            {
                ["end"] = w.End,
                ["value"] = StoredAlert.Round(w.Value),
                ["samples"] = w.SampleCount,
                ["status"] = KpiQueries.Status(w.Status),
            });
        }

        var band = new JsonArray();
        if (queries.Rules.RuleFor(kpi, slice) is { } rule && rule.Window == window)
        {
            foreach (var p in await baselines.ReadAsync(kpi, slice, from, cancellationToken))
            {
                band.Add(new JsonObject { ["end"] = p.End, ["mean"] = StoredAlert.Round(p.Mean), ["lower"] = StoredAlert.Round(p.Lower), ["upper"] = StoredAlert.Round(p.Upper) });
            }
        }

        var marks = new JsonArray();
        foreach (var a in (await alerts.ListAsync(cancellationToken)).Where(a => a.Alert.Kpi == kpi && a.Alert.Slice == slice
                     && (a.Alert.ResolvedAt is null || a.Alert.ResolvedAt >= from || a.UpdatedAt >= from)))
        {
            marks.Add(new JsonObject
            {
                ["id"] = a.Alert.Id,
                ["severity"] = a.Alert.Severity.ToString(),
                ["status"] = a.Alert.Status.ToString(),
                ["openedAt"] = a.Alert.OpenedAt,
                ["windowEnd"] = a.Alert.WindowEnd,
                ["resolvedAt"] = a.Alert.ResolvedAt,
            });
        }

        if (KpiView.SensitiveKpis.Contains(kpi))
        {
            await Services.Audit.WriteAsync(caller, $"GET {Name}", $"{kpi} {slice}", "200", cancellationToken);
        }

        var definition = KpiCatalog.Get(kpi);
        var response = HttpTriggerResponse.Json(200, new JsonObject
        {
            ["kpi"] = kpi.ToString(),
            ["label"] = definition.DisplayName,
            ["slice"] = slice.ToString(),
            ["window"] = WindowText.Format(window),
            ["unit"] = KpiQueries.Unit(definition),
            ["watermark"] = snapshot.Watermark,
            ["points"] = points,
            ["baseline"] = band,
            ["alerts"] = marks,
        });
        response.Headers["Cache-Control"] = "no-cache, private";
        return response;
    }
}
