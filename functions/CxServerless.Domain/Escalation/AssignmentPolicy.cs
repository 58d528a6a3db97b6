namespace CxServerless.Domain.Escalation;

/// <summary>
/// Picks the assignee of an escalation level: among the people of the level's role (in the owning team unless the
/// level is for any team) who are on shift, those with the needed skill if any have it, then the fewest open tasks,
/// then the one given a task longest ago (round-robin), then by id. With nobody on shift, the on-call rota for the
/// role answers; with nobody on call either, nobody is assigned and the level is skipped.
/// </summary>
public static class AssignmentPolicy
{
    /// <summary>Picks the assignee.</summary>
    /// <param name="roster">The roster.</param>
    /// <param name="level">The escalation level.</param>
    /// <param name="team">The owning team.</param>
    /// <param name="skill">The skill the alert asks for, if any.</param>
    /// <param name="now">The time of assignment.</param>
    /// <param name="workload">Each person's workload, by id; a person missing from it is idle.</param>
    /// <param name="exclude">People who already had the task at an earlier level.</param>
    /// <returns>The assignment, or null when nobody can take the level.</returns>
    public static Assignment? Pick(
        Roster roster,
        EscalationLevel level,
        string team,
        string? skill,
        DateTimeOffset now,
        IReadOnlyDictionary<string, Workload> workload,
        IReadOnlySet<string> exclude)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(level);
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(exclude);
        var eligible = roster.People
            .Where(p => string.Equals(p.Role, level.Role, StringComparison.Ordinal) && (level.AnyTeam || p.Team == team))
            .Where(p => !exclude.Contains(p.Id))
            .ToList();
        var onShift = eligible.Where(p => p.Shift.Covers(now)).ToList();
        if (onShift.Count > 0)
        {
            return Best(onShift, skill, workload, "on shift");
        }

        var onCall = roster.OnCall
            .Where(c => string.Equals(c.Role, level.Role, StringComparison.Ordinal) && c.Shift.Covers(now) && !exclude.Contains(c.PersonId))
            .Select(c => roster.Find(c.PersonId))
            .OfType<Person>()
            .ToList();
        return onCall.Count > 0 ? Best(onCall, skill, workload, "on call out of hours") : null;
    }

    private static Assignment Best(List<Person> people, string? skill, IReadOnlyDictionary<string, Workload> workload, string why)
    {
        var skilled = skill is null ? [] : people.Where(p => p.Skills.Contains(skill)).ToList();
        var pool = skilled.Count > 0 ? skilled : people;
        var chosen = pool
            .OrderBy(p => workload.GetValueOrDefault(p.Id, Workload.Idle).OpenTasks)
            .ThenBy(p => workload.GetValueOrDefault(p.Id, Workload.Idle).LastAssigned ?? DateTimeOffset.MinValue)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .First();
        var load = workload.GetValueOrDefault(chosen.Id, Workload.Idle).OpenTasks;
        var reason = skilled.Count > 0 ? $"{why}, skilled in {skill}, {load} open tasks" : $"{why}, {load} open tasks";
        return new Assignment(chosen, reason);
    }
}
