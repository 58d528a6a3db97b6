using CxServerless.Domain.Access;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Alerts;

/// <summary>
/// <c>GET /api/alerts?status=open|all&amp;id=</c> (default open): the alerts on KPIs and slices the caller may see, newest
/// first, at most 500, detected (<c>source: "detected"</c>) and declared (<c>source: "manual"</c>, <c>POST /api/alerts</c>)
/// alike; <c>id</c> narrows the list to one alert. Audited.
/// </summary>
public sealed class AlertsFunction(HttpFunctionServices services, AlertStore alerts) : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "Alerts";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles { get; } = CxRoles.All.ToHashSet();

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        var status = request.Query.TryGetValue("status", out var text) && !string.IsNullOrWhiteSpace(text)
            ? text.ToLowerInvariant()
            : "open";
        if (status is not ("open" or "all"))
        {
            return HttpTriggerResponse.Problem(400, "Bad request", "The query parameter 'status' must be 'open' or 'all'.");
        }

        var id = request.Query.TryGetValue("id", out var idText) && !string.IsNullOrWhiteSpace(idText) ? idText : null;
        var view = KpiView.For(caller.Roles, caller.Team);
        var detected = (await alerts.ListAsync(cancellationToken))
            .Where(a => (status == "all" || a.Alert.Status == AlertStatus.Open)
                && view.CanSee(a.Alert.Kpi, a.Alert.Slice)
                && (id is null || a.Alert.Id == id))
            .Select(a => (a.Alert.OpenedAt, a.Alert.Id, View: (object)a.ToView()));
        var manual = (await alerts.ListManualAsync(cancellationToken))
            .Where(a => (status == "all" || a.Status == AlertStatus.Open) && CanSee(view, a) && (id is null || a.Id == id))
            .Select(a => (a.OpenedAt, a.Id, View: (object)a.ToView()));
        var list = detected.Concat(manual)
            .OrderByDescending(a => a.OpenedAt)
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .Take(500)
            .Select(a => a.View)
            .ToList();
        var response = HttpTriggerResponse.Json(200, new AlertListResponse(status, list), AlertJsonContext.Default.AlertListResponse);
        response.Headers["Cache-Control"] = "no-cache, private";
        return response;
    }

    /// <summary>A manual alert is seen like a detected one on its KPI and slice; without a KPI, by its slice alone.</summary>
    private static bool CanSee(KpiView view, ManualAlert alert) =>
        Slice.TryParse(alert.Slice, out var slice)
        && (Enum.TryParse<KpiId>(alert.Kpi, out var kpi) ? view.CanSee(kpi, slice) : view.CanSee(slice));
}
