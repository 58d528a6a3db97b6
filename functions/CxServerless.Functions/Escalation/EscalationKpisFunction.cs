using CxServerless.Domain.Escalation;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using CxServerless.Workflows.Tasks;

namespace CxServerless.Functions.Escalation;

/// <summary>
/// <c>GET /api/escalation/kpis?team=</c>: mean time to acknowledge and to resolve, SLA breach rate, escalations per
/// alert and false-alarm rate per rule, over the tasks created in the last <see cref="Window"/> (<see cref="EscalationKpis"/>).
/// A team lead gets their own team's figures (the <c>team</c> claim; another team is 403, no team claim 400); supervisors, ops admins and
/// auditors every team's, or one team's with <c>team=</c>. Agents are refused. Every call is audited.
/// </summary>
public sealed class EscalationKpisFunction(TaskStore tasks, AlertStore alerts, TimeProvider time, HttpFunctionServices services)
    : HttpFunction(services)
{
    /// <summary>The window the figures cover: the tasks created in the last 24 hours.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <inheritdoc />
    public override string Name => "EscalationKpis";

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
        var (team, refusal) = TeamScope.Resolve(request.Query, caller, "escalation figures");
        if (refusal is not null)
        {
            return refusal;
        }

        var rules = (await alerts.ListAsync(cancellationToken)).ToDictionary(a => a.Alert.Id, a => a.Alert.RuleId, StringComparer.Ordinal);
        var facts = (await tasks.ListAsync(cancellationToken))
            .Where(t => team is null || string.Equals(t.Team, team, StringComparison.Ordinal))
            .Select(t => new TaskFacts(t.CreatedAt, t.AcknowledgedAt, t.ClosedAt, t.Closure, t.SlaBreached, t.Escalations,
                t.Source == "manual" ? "manual" : rules.GetValueOrDefault(t.AlertId) ?? "unknown"));
        var now = time.GetUtcNow();
        var kpis = EscalationKpis.Compute(facts, now, Window);
        var body = new EscalationKpisResponse(
            now - Window, now, team, kpis.Tasks, kpis.Acknowledged, Seconds(kpis.MeanTimeToAcknowledge), kpis.Resolved,
            Seconds(kpis.MeanTimeToResolve), kpis.SlaBreaches, kpis.SlaBreachRate, kpis.Escalations, kpis.EscalationsPerAlert,
            [.. kpis.Rules.Select(r => new RuleFalseAlarmsResponse(r.Rule, r.Alerts, r.FalseAlarms, r.Rate))]);
        var response = HttpTriggerResponse.Json(200, body, EscalationKpisJsonContext.Default.EscalationKpisResponse);
        response.Headers["Cache-Control"] = "no-store";
        return response;
    }

    private static double? Seconds(TimeSpan? span) => span is { } s ? Math.Round(s.TotalSeconds, 1) : null;
}
