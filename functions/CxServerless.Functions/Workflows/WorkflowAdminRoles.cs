using CxServerless.Functions.Security;

namespace CxServerless.Functions.Workflows;

/// <summary>Who may read workflow instances and their history through the admin API.</summary>
internal static class WorkflowAdminRoles
{
    /// <summary>OpsAdmin runs the platform, Supervisors follow escalations, Auditors read everything.</summary>
    public static IReadOnlySet<string> Allowed { get; } = new HashSet<string>(StringComparer.Ordinal) { CxRoles.OpsAdmin, CxRoles.Supervisor, CxRoles.Auditor };
}
