using CxServerless.Domain.Access;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Kpis;

/// <summary>
/// <c>GET /api/kpis/late</c>: events that arrived after the allowed lateness, so they are stored and counted but not in
/// the KPI windows: the total, and the most recent 200 of the last 7 days. Supervisors, ops admins and auditors; audited.
/// </summary>
public sealed class LateEventsFunction(
    HttpFunctionServices services,
    KpiReadModel readModel,
    LateEventStore lateEvents,
    Domain.Analytics.Rules.RuleSet rules,
    TimeProvider time)
    : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "LateEvents";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles { get; } =
        new HashSet<string> { CxRoles.Supervisor, CxRoles.OpsAdmin, CxRoles.Auditor };

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        var snapshot = await readModel.GetAsync(cancellationToken);
        var events = await lateEvents.RecentAsync(time.GetUtcNow().AddDays(-7), 200, cancellationToken);
        var body = new LateEventsResponse(
            snapshot.TooLate, rules.EventTime.AllowedLateness.TotalSeconds, snapshot.Watermark, events);
        var response = HttpTriggerResponse.Json(200, body, KpiJsonContext.Default.LateEventsResponse);
        response.Headers["Cache-Control"] = "no-cache, private";
        return response;
    }
}
