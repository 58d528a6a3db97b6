using CxServerless.Domain.Access;

namespace CxServerless.Functions.Retention;

/// <summary>Who may use the retention and legal-hold API.</summary>
internal static class RetentionRoles
{
    /// <summary>Reading limits, runs and holds: OpsAdmin runs the platform, Auditors check it.</summary>
    public static IReadOnlySet<string> Read { get; } = new HashSet<string>(StringComparer.Ordinal) { CxRoles.OpsAdmin, CxRoles.Auditor };

    /// <summary>Setting and lifting legal holds: OpsAdmin only.</summary>
    public static IReadOnlySet<string> Manage { get; } = new HashSet<string>(StringComparer.Ordinal) { CxRoles.OpsAdmin };
}
