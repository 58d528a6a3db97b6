using System.Text.RegularExpressions;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Handover;

/// <summary>
/// <c>GET /api/handovers/latest?team=</c>: a team's newest shift handover. A team lead reads their own team's (the
/// <c>team</c> claim; <c>team</c> may be left out); supervisors, ops admins and auditors read any team's. Another team
/// than a team lead's own answers 404, like a team without handovers. Every call is audited.
/// </summary>
public sealed partial class HandoverLatestFunction(HandoverStore handovers, HttpFunctionServices services) : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "HandoverLatest";

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
        var asked = request.Query.GetValueOrDefault("team");
        var team = string.IsNullOrEmpty(asked) ? caller.Team : asked;
        if (string.IsNullOrEmpty(team))
        {
            return HttpTriggerResponse.Problem(400, "Invalid query", "team is required (a team name such as team-billing).");
        }

        if (!TeamName().IsMatch(team))
        {
            return HttpTriggerResponse.Problem(400, "Invalid query", "team must be 1 to 64 letters, digits, '.', '_' or '-'.");
        }

        var mayRead = caller.IsInAnyRole(TeamScope.AnyTeamRoles) || string.Equals(caller.Team, team, StringComparison.Ordinal);
        var summary = mayRead ? await handovers.LatestAsync(team, cancellationToken) : null;
        if (summary is null)
        {
            return HttpTriggerResponse.Problem(404, "Not found", $"Team '{team}' has no shift handover.");
        }

        var response = HttpTriggerResponse.Json(200, summary, HandoverJsonContext.Default.HandoverSummary);
        response.Headers["Cache-Control"] = "no-store";
        return response;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex TeamName();
}
