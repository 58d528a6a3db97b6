using CxServerless.Domain.Feedback;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using CxServerless.Workflows.Feedback;

namespace CxServerless.Functions.Feedback;

/// <summary>
/// <c>GET /api/feedback/kpis?from=&amp;to=&amp;by=team|topic&amp;team=</c>: loops opened, closed within SLA, recovered
/// detractors and the mean sentiment delta of the loops opened in the window, per team or topic and in total
/// (<see cref="FeedbackKpis"/>), read from the day partitions of the <c>FeedbackReport</c> table. A team lead gets their
/// own team's loops (<see cref="TeamScope"/>); supervisors, ops admins and auditors every team's. Agents are refused.
/// Every call is audited.
/// </summary>
public sealed class FeedbackKpisFunction(FeedbackReportStore report, TimeProvider time, HttpFunctionServices services)
    : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "FeedbackKpis";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles => TeamScope.ReportRoles;

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var (query, problem) = FeedbackKpisQuery.Parse(request.Query, time.GetUtcNow());
        if (query is null)
        {
            return HttpTriggerResponse.Problem(400, "Invalid query", problem!);
        }

        var (team, refusal) = TeamScope.Resolve(request.Query, caller, "feedback figures");
        if (refusal is not null)
        {
            return refusal;
        }

        var loops = (await report.ListOpenedAsync(query.From, query.To, cancellationToken))
            .Where(l => team is null || string.Equals(l.Team, team, StringComparison.Ordinal));
        var kpis = FeedbackKpis.Compute(loops, query.From, query.To, query.By);
        var body = new FeedbackKpisResponse(
            query.From, query.To, query.By == FeedbackKpiGrouping.Team ? "team" : "topic", team,
            [.. kpis.Groups.Select(FeedbackKpiRow.From)], FeedbackKpiRow.From(kpis.Total));
        var response = HttpTriggerResponse.Json(200, body, FeedbackKpisJsonContext.Default.FeedbackKpisResponse);
        response.Headers["Cache-Control"] = "no-store";
        return response;
    }
}
