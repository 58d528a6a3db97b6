using CxServerless.Domain.Access;

namespace CxServerless.Functions.Workflows;

/// <summary>Who may use the workflow management API.</summary>
internal static class WorkflowAdminRoles
{
    /// <summary>Reading instances and their history: OpsAdmin runs the platform, Auditors read everything.</summary>
    public static IReadOnlySet<string> Read { get; } = new HashSet<string>(StringComparer.Ordinal) { CxRoles.OpsAdmin, CxRoles.Auditor };

    /// <summary>Raising events, terminating and purging: OpsAdmin only.</summary>
    public static IReadOnlySet<string> Manage { get; } = new HashSet<string>(StringComparer.Ordinal) { CxRoles.OpsAdmin };
}
