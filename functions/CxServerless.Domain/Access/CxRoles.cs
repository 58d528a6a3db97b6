namespace CxServerless.Domain.Access;

/// <summary>The app roles business and operations users hold (Entra app roles, see README "Roles").</summary>
public static class CxRoles
{
    /// <summary>Handles contacts; sees their own team's queue figures and their own tasks.</summary>
    public const string Agent = "Agent";

    /// <summary>Leads a team; receives escalations for it.</summary>
    public const string TeamLead = "TeamLead";

    /// <summary>Watches the whole floor; sees every KPI and alert.</summary>
    public const string Supervisor = "Supervisor";

    /// <summary>Runs the platform: ingestion, workflows, retention.</summary>
    public const string OpsAdmin = "OpsAdmin";

    /// <summary>Reads the audit trail and every view, changes nothing.</summary>
    public const string Auditor = "Auditor";

    /// <summary>Every role, in order of the README table.</summary>
    public static IReadOnlyList<string> All { get; } = [Agent, TeamLead, Supervisor, OpsAdmin, Auditor];

    /// <summary>Returns the canonical spelling of a role name (case-insensitive), or null when it is not a CxServerless role.</summary>
    public static string? Normalize(string? role) =>
        All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
}
