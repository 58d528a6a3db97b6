using CxServerless.Domain.Access;
using CxServerless.Domain.Interventions;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Interventions;

/// <summary>
/// <c>GET /api/interventions?from=&amp;to=&amp;kind=&amp;team=&amp;top=&amp;continuationToken=</c>: the interventions decided in
/// a range, sent or suppressed by a cap, a page at a time, with counts per kind over the whole range. Supervisor and
/// OpsAdmin see every team; a team lead sees their own team only. The customer's pseudonym is never in the answer.
/// </summary>
public sealed class InterventionsFunction(InterventionStore store, TimeProvider time, HttpFunctionServices services)
    : HttpFunction(services)
{
    private static readonly HashSet<string> AnyTeam = new(StringComparer.Ordinal) { CxRoles.Supervisor, CxRoles.OpsAdmin };

    /// <inheritdoc />
    public override string Name => "Interventions";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        CxRoles.TeamLead, CxRoles.Supervisor, CxRoles.OpsAdmin,
    };

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var (query, problem) = InterventionQuery.Parse(request.Query, time.GetUtcNow());
        if (query is null)
        {
            return HttpTriggerResponse.Problem(400, "Invalid query", problem!);
        }

        if (!caller.IsInAnyRole(AnyTeam))
        {
            if (caller.Team is not { Length: > 0 } own)
            {
                return HttpTriggerResponse.Problem(400, "Missing team", "A team lead needs a team claim to see interventions.");
            }

            if (query.Team is not null && !string.Equals(query.Team, own, StringComparison.Ordinal))
            {
                return HttpTriggerResponse.Problem(403, "Forbidden", "A team lead sees only their own team's interventions.");
            }

            query = query.ForTeam(own);
        }

        IReadOnlyList<InterventionRecord> items;
        string? next;
        try
        {
            (items, next) = await store.PageAsync(query.Filter(withKind: true), query.Top, query.Continuation, cancellationToken);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 400 && query.Continuation is not null)
        {
            // A token that decodes but that storage refuses (edited by hand): the caller's mistake, not ours.
            return HttpTriggerResponse.Problem(400, "Invalid query", "continuationToken is not one this API issued.");
        }

        var counts = await store.CountAsync(query.Filter(withKind: false), cancellationToken);
        var body = new InterventionListResponse(
            query.From,
            query.To,
            [.. items.Select(r => new InterventionItem(
                r.Id, r.Kind, r.Outcome, r.RulesVersion, r.ConversationId, r.Team, r.Queue, r.EventTime, r.At, r.Detail, r.Recipients))],
            [.. InterventionKinds.All.Select(k => new InterventionCount(
                k,
                counts.GetValueOrDefault((k, InterventionOutcomes.Sent)),
                counts.GetValueOrDefault((k, InterventionOutcomes.SuppressedCustomerCap)),
                counts.GetValueOrDefault((k, InterventionOutcomes.SuppressedTeamCap))))],
            InterventionQuery.Encode(next));
        var response = HttpTriggerResponse.Json(200, body, InterventionJsonContext.Default.InterventionListResponse);
        response.Headers["Cache-Control"] = "no-store";
        return response;
    }
}
