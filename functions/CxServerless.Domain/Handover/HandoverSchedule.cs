using CxServerless.Domain.Escalation;

namespace CxServerless.Domain.Handover;

/// <summary>
/// When shifts hand over, derived from the routing file: a team's boundaries are the starts of its team leads' shifts,
/// each in the shift's own time zone (overnight shifts and daylight-saving days included). The outgoing shift of a
/// boundary runs from the team's boundary before it; the incoming leads are the team's team leads on shift at it.
/// </summary>
/// <remarks>
/// Only team-lead shifts make boundaries, because a handover is written for the people who take over the team's
/// alerts and tasks. A team without team leads has no handovers; two leads starting at the same moment make one
/// boundary. Shift patterns repeat weekly, so the boundary before any moment lies within the last eight days.
/// </remarks>
public static class HandoverSchedule
{
    private static readonly TimeSpan SearchBack = TimeSpan.FromDays(8);

    /// <summary>The teams that have handovers: every team with at least one team lead, in name order.</summary>
    /// <param name="roster">The routing file in force.</param>
    /// <returns>The team names.</returns>
    public static IReadOnlyList<string> Teams(Roster roster)
    {
        ArgumentNullException.ThrowIfNull(roster);
        return [.. Leads(roster).Select(p => p.Team).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The team's latest boundary at or before <paramref name="at"/>.</summary>
    /// <param name="roster">The routing file in force.</param>
    /// <param name="team">The team.</param>
    /// <param name="at">The moment to look back from.</param>
    /// <returns>The boundary, or null when the team has no team lead with a shift.</returns>
    public static HandoverBoundary? Latest(Roster roster, string team, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var leads = Leads(roster).Where(p => string.Equals(p.Team, team, StringComparison.Ordinal)).ToList();
        var boundary = LatestStart(leads, at, inclusive: true);
        if (boundary is not { } start)
        {
            return null;
        }

        var previous = LatestStart(leads, start, inclusive: false) ?? start - TimeSpan.FromDays(7);
        var incoming = leads.Where(p => p.Shift.Covers(start)).Select(p => p.Id).Order(StringComparer.Ordinal).ToList();
        return new HandoverBoundary(team, start, previous, incoming);
    }

    /// <summary>Every team's boundaries in the interval (<paramref name="after"/>, <paramref name="upTo"/>], oldest first.</summary>
    /// <param name="roster">The routing file in force.</param>
    /// <param name="after">The start of the interval, excluded.</param>
    /// <param name="upTo">The end of the interval, included.</param>
    /// <returns>The boundaries.</returns>
    public static IReadOnlyList<HandoverBoundary> Between(Roster roster, DateTimeOffset after, DateTimeOffset upTo)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var found = new List<HandoverBoundary>();
        foreach (var team in Teams(roster))
        {
            var starts = Leads(roster).Where(p => string.Equals(p.Team, team, StringComparison.Ordinal))
                .SelectMany(p => p.Shift.StartsBetween(after, upTo)).Distinct();
            found.AddRange(starts.Select(s => Latest(roster, team, s)!));
        }

        return [.. found.OrderBy(b => b.At).ThenBy(b => b.Team, StringComparer.Ordinal)];
    }

    private static IEnumerable<Person> Leads(Roster roster) =>
        roster.People.Where(p => string.Equals(p.Role, "TeamLead", StringComparison.Ordinal));

    private static DateTimeOffset? LatestStart(IEnumerable<Person> leads, DateTimeOffset at, bool inclusive)
    {
        var upTo = inclusive ? at : at - TimeSpan.FromTicks(1);
        return leads.SelectMany(p => p.Shift.StartsBetween(upTo - SearchBack, upTo)).Select(s => (DateTimeOffset?)s).Max();
    }
}
