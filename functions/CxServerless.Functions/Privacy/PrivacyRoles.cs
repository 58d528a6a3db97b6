using CxServerless.Domain.Access;

namespace CxServerless.Functions.Privacy;

/// <summary>Who may use the privacy API.</summary>
internal static class PrivacyRoles
{
    /// <summary>Asking for an erasure: OpsAdmin only, as for every other change to what the app keeps.</summary>
    public static IReadOnlySet<string> Request { get; } = new HashSet<string>(StringComparer.Ordinal) { CxRoles.OpsAdmin };

    /// <summary>Following a request and reading its receipt: OpsAdmin, and Auditors, who check that requests were honoured.</summary>
    public static IReadOnlySet<string> Read { get; } = new HashSet<string>(StringComparer.Ordinal) { CxRoles.OpsAdmin, CxRoles.Auditor };
}
