using CxServerless.Domain.Access;

namespace CxServerless.Functions.Rules;

/// <summary>
/// Who may use the rules API. Rules versions are operational configuration, like the routing file and retention:
/// OpsAdmin manages them; Auditor reads them, because every alert names the version that raised it and an audit must be
/// able to trace it and its recalibration report. Supervisors see the effect in their alerts, not the configuration.
/// </summary>
internal static class RulesRoles
{
    /// <summary>May list versions and reports.</summary>
    public static IReadOnlySet<string> Read { get; } = new HashSet<string>(StringComparer.Ordinal) { CxRoles.OpsAdmin, CxRoles.Auditor };

    /// <summary>May activate a version.</summary>
    public static IReadOnlySet<string> Manage { get; } = new HashSet<string>(StringComparer.Ordinal) { CxRoles.OpsAdmin };
}
