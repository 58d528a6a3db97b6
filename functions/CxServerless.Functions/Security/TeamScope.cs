using System.Text.RegularExpressions;
using CxServerless.Domain.Access;
using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Security;

/// <summary>
/// Which team's figures a reporting API answers with: a team lead gets their own team's (the <c>team</c> claim; another
/// team is 403, no team claim 400); supervisors, ops admins and auditors get every team's, or one team's with
/// <c>team=</c>. Shared by the escalation and the feedback KPIs (and the roles of the shift handover).
/// </summary>
public static partial class TeamScope
{
    /// <summary>Gets the roles that see every team's figures: supervisors, ops admins and auditors.</summary>
    public static IReadOnlyList<string> AnyTeamRoles { get; } = [CxRoles.Supervisor, CxRoles.OpsAdmin, CxRoles.Auditor];

    /// <summary>Gets the roles a team-scoped report admits: team leads and the roles that see every team.</summary>
    public static IReadOnlySet<string> ReportRoles { get; } =
        new HashSet<string>(StringComparer.Ordinal) { CxRoles.TeamLead, CxRoles.Supervisor, CxRoles.OpsAdmin, CxRoles.Auditor };

    /// <summary>Resolves the team of a request.</summary>
    /// <param name="query">The query string (its <c>team</c> value is read).</param>
    /// <param name="caller">The caller.</param>
    /// <param name="figures">What the figures are, for the refusals ("escalation figures").</param>
    /// <returns>The team (null: every team), or the problem answer refusing the request.</returns>
    public static (string? Team, HttpTriggerResponse? Refusal) Resolve(
        IReadOnlyDictionary<string, string> query, CallerPrincipal caller, string figures)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(caller);
        var team = query.GetValueOrDefault("team") is { Length: > 0 } asked ? asked : null;
        if (team is not null && !TeamName().IsMatch(team))
        {
            return (null, HttpTriggerResponse.Problem(400, "Invalid query", "team must be 1 to 64 letters, digits, '.', '_' or '-'."));
        }

        if (caller.IsInAnyRole(AnyTeamRoles))
        {
            return (team, null);
        }

        if (caller.Team is not { Length: > 0 } own)
        {
            // Admitted but unscoped: like the KPI summary, say why there are no figures rather than refuse the role.
            return (null, HttpTriggerResponse.Problem(400, "Missing team", $"A team lead needs a team claim to see {figures}."));
        }

        if (team is not null && !string.Equals(team, own, StringComparison.Ordinal))
        {
            return (null, HttpTriggerResponse.Problem(403, "Forbidden", $"A team lead sees only their own team's {figures}."));
        }

        return (own, null);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex TeamName();
}
