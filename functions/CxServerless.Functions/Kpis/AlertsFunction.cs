using System.Text.Json.Nodes;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Kpis;

/// <summary>
/// <c>GET /api/alerts?status=open|all</c> (default open): the alerts on KPIs and slices the caller may see, newest
/// first, at most 500. Audited.
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
    protected override async Task<HttpTriggerResponse> HandleAsync(HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        var status = request.Query.TryGetValue("status", out var text) && !string.IsNullOrWhiteSpace(text) ? text.ToLowerInvariant() : "open";
        if (status is not ("open" or "all"))
        {
            return HttpTriggerResponse.Problem(400, "Bad request", "The query parameter 'status' must be 'open' or 'all'.");
        }

        var view = KpiView.For(caller);
        var list = new JsonArray();
        foreach (var alert in (await alerts.ListAsync(cancellationToken))
                     .Where(a => (status == "all" || a.Alert.Status == AlertStatus.Open) && view.CanSee(a.Alert.Kpi, a.Alert.Slice))
                     .Take(500))
        {
            list.Add(alert.ToJson());
        }

        var response = HttpTriggerResponse.Json(200, new JsonObject { ["status"] = status, ["alerts"] = list });
        response.Headers["Cache-Control"] = "no-cache, private";
        return response;
    }
}
