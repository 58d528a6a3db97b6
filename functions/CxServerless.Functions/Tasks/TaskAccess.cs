using CxServerless.Domain.Access;
using CxServerless.Functions.Security;
using CxServerless.Workflows.Tasks;

namespace CxServerless.Functions.Tasks;

/// <summary>
/// Who sees and who may act on a task. An agent sees the tasks assigned to them; a team lead their team's tasks (the
/// <c>team</c> claim) and the tasks assigned to them; supervisors, ops admins and auditors every task. The same people
/// may act on what they see, except auditors, who only read. A task the caller may not see does not exist for them.
/// </summary>
public static class TaskAccess
{
    /// <summary>The roles that may read the inbox: every role.</summary>
    public static IReadOnlySet<string> Readers { get; } = new HashSet<string>(CxRoles.All, StringComparer.Ordinal);

    /// <summary>The roles that may act on tasks: every role but Auditor.</summary>
    public static IReadOnlySet<string> Actors { get; } =
        new HashSet<string>(StringComparer.Ordinal) { CxRoles.Agent, CxRoles.TeamLead, CxRoles.Supervisor, CxRoles.OpsAdmin };

    private static readonly string[] SeeEverything = [CxRoles.Supervisor, CxRoles.OpsAdmin, CxRoles.Auditor];
    private static readonly string[] ActOnEverything = [CxRoles.Supervisor, CxRoles.OpsAdmin];

    /// <summary>The caller's scope: <c>all</c>, <c>team</c> (a team lead) or <c>own</c> (an agent).</summary>
    /// <param name="caller">The caller.</param>
    /// <returns>The scope.</returns>
    public static string Scope(CallerPrincipal caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsInAnyRole(SeeEverything) ? "all" : caller.Roles.Contains(CxRoles.TeamLead) ? "team" : "own";
    }

    /// <summary>True when the caller may see the task.</summary>
    /// <param name="caller">The caller.</param>
    /// <param name="task">The task.</param>
    /// <returns>Whether it is visible to them.</returns>
    public static bool CanSee(CallerPrincipal caller, TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(task);
        return caller.IsInAnyRole(SeeEverything) || IsTeamLeadOf(caller, task) || IsAssignee(caller, task);
    }

    /// <summary>True when the caller may act on the task (whether it is still open aside).</summary>
    /// <param name="caller">The caller.</param>
    /// <param name="task">The task.</param>
    /// <returns>Whether they may change it.</returns>
    public static bool CanAct(CallerPrincipal caller, TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(task);
        return caller.IsInAnyRole(ActOnEverything) || IsTeamLeadOf(caller, task) || IsAssignee(caller, task);
    }

    /// <summary>How the caller is named on the timeline and in workflow events: their user id, else their name.</summary>
    /// <param name="caller">The caller.</param>
    /// <returns>The id.</returns>
    public static string PersonId(CallerPrincipal caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.UserId ?? caller.Name;
    }

    // Only a user id matches an assignee: a name is not a stable identity.
    private static bool IsAssignee(CallerPrincipal caller, TaskRecord task) =>
        caller.IsInAnyRole(Actors) && caller.UserId is { Length: > 0 } id && string.Equals(task.Assignee, id, StringComparison.Ordinal);

    private static bool IsTeamLeadOf(CallerPrincipal caller, TaskRecord task) =>
        caller.Roles.Contains(CxRoles.TeamLead) && caller.Team is { Length: > 0 } team
        && string.Equals(task.Team, team, StringComparison.Ordinal);
}
