using CxServerless.Domain.Analytics.Alerts;

namespace CxServerless.Domain.Escalation;

/// <summary>
/// The routing file: which team owns which issue type, who works when, who is on call, and the escalation chain per
/// severity. Versioned, validated at start-up and on every replacement (<see cref="RosterParser"/>).
/// </summary>
/// <param name="Version">The roster's version, recorded on every task it routed.</param>
/// <param name="DefaultTeam">The team that owns issue types no route names.</param>
/// <param name="Routes">
/// A slice (<c>queue=billing</c>) or an issue type (a rule's <c>issueType</c>, or <c>manual</c>) → owning team.
/// </param>
/// <param name="People">Everyone who can be given a task.</param>
/// <param name="OnCall">The on-call rota for out of hours.</param>
/// <param name="Chains">The escalation chain per severity, first level first.</param>
public sealed record Roster(
    string Version,
    string DefaultTeam,
    IReadOnlyDictionary<string, string> Routes,
    IReadOnlyList<Person> People,
    IReadOnlyList<OnCallShift> OnCall,
    IReadOnlyDictionary<AlertSeverity, IReadOnlyList<EscalationLevel>> Chains)
{
    /// <summary>
    /// The team that owns an alert: a route for its slice (<c>queue=billing</c>), else the team of a team slice when
    /// the roster has it, else a route for its issue type, else the rule's team when the roster has it, else the default.
    /// </summary>
    /// <param name="route">The alert's routing hint.</param>
    /// <param name="slice">The alert's slice as text (<c>all</c>, <c>team=team-billing</c>, <c>queue=billing</c>).</param>
    /// <returns>The owning team.</returns>
    public string OwningTeam(RoutingHint route, string slice)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (slice is not null && Routes.TryGetValue(slice, out var bySlice))
        {
            return bySlice;
        }

        if (slice is not null && slice.StartsWith("team=", StringComparison.Ordinal) && HasTeam(slice[5..]))
        {
            return slice[5..];
        }

        if (route.IssueType is { } issue && Routes.TryGetValue(issue, out var byIssue))
        {
            return byIssue;
        }

        return route.Team is { } hinted && HasTeam(hinted) ? hinted : DefaultTeam;
    }

    /// <summary>Returns whether anyone belongs to <paramref name="team"/>.</summary>
    /// <param name="team">The team name.</param>
    /// <returns>True when the team has people.</returns>
    public bool HasTeam(string team) => People.Any(p => string.Equals(p.Team, team, StringComparison.Ordinal));

    /// <summary>Finds a person by id.</summary>
    /// <param name="id">The person's id.</param>
    /// <returns>The person, or null.</returns>
    public Person? Find(string id) => People.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));
}
