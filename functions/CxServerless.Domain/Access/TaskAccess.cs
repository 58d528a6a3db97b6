namespace CxServerless.Domain.Access;

/// <summary>
/// Who sees and who may act on a task. An agent sees the tasks assigned to them; a team lead their team's tasks and
/// the tasks assigned to them; supervisors, ops admins and auditors every task. The same people may act on what they
/// see, except auditors, who only read. A task the caller may not see does not exist for them.
/// </summary>
/// <remarks>
/// Only a user id matches an assignee: a display name is not a stable identity, so a caller whose sign-in carries no
/// object id sees no task as their own.
/// </remarks>
public static class TaskAccess
{
    private static readonly string[] SeeEverything = [CxRoles.Supervisor, CxRoles.OpsAdmin, CxRoles.Auditor];
    private static readonly string[] ActOnEverything = [CxRoles.Supervisor, CxRoles.OpsAdmin];

    /// <summary>The roles that may read the inbox: every role.</summary>
    public static IReadOnlySet<string> Readers { get; } = new HashSet<string>(CxRoles.All, StringComparer.Ordinal);

    /// <summary>The roles that may act on tasks: every role but Auditor.</summary>
    public static IReadOnlySet<string> Actors { get; } =
        new HashSet<string>(StringComparer.Ordinal) { CxRoles.Agent, CxRoles.TeamLead, CxRoles.Supervisor, CxRoles.OpsAdmin };

    /// <summary>The subject's scope: <c>all</c>, <c>team</c> (a team lead) or <c>own</c> (an agent).</summary>
    /// <param name="who">Who asks.</param>
    /// <returns>The scope.</returns>
    public static string Scope(AccessSubject who)
    {
        ArgumentNullException.ThrowIfNull(who);
        return who.HoldsAny(SeeEverything) ? "all" : who.Roles.Contains(CxRoles.TeamLead) ? "team" : "own";
    }

    /// <summary>True when the subject may see a task of <paramref name="taskTeam"/> assigned to <paramref name="assignee"/>.</summary>
    /// <param name="who">Who asks.</param>
    /// <param name="taskTeam">The task's owning team.</param>
    /// <param name="assignee">The user id the task is assigned to, if any.</param>
    /// <returns>Whether it is visible to them.</returns>
    public static bool CanSee(AccessSubject who, string? taskTeam, string? assignee)
    {
        ArgumentNullException.ThrowIfNull(who);
        return who.HoldsAny(SeeEverything) || IsTeamLeadOf(who, taskTeam) || IsAssignee(who, assignee);
    }

    /// <summary>True when the subject may act on such a task (whether it is still open aside).</summary>
    /// <param name="who">Who asks.</param>
    /// <param name="taskTeam">The task's owning team.</param>
    /// <param name="assignee">The user id the task is assigned to, if any.</param>
    /// <returns>Whether they may change it.</returns>
    public static bool CanAct(AccessSubject who, string? taskTeam, string? assignee)
    {
        ArgumentNullException.ThrowIfNull(who);
        return who.HoldsAny(ActOnEverything) || IsTeamLeadOf(who, taskTeam) || IsAssignee(who, assignee);
    }

    private static bool IsAssignee(AccessSubject who, string? assignee) =>
        who.HoldsAny(Actors) && who.UserId is { Length: > 0 } id && string.Equals(assignee, id, StringComparison.Ordinal);

    private static bool IsTeamLeadOf(AccessSubject who, string? taskTeam) =>
        who.Roles.Contains(CxRoles.TeamLead) && who.Team is { Length: > 0 } team
        && string.Equals(taskTeam, team, StringComparison.Ordinal);
}
