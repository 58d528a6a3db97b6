namespace CxHost.Configuration;

/// <summary>The product's roles (ARCHITECTURE §7), which <c>--as</c> and the <c>cx-dev-role</c> cookie may name.</summary>
public static class DevelopmentRoles
{
    /// <summary>Every role, in the order the dashboard offers them.</summary>
    public static IReadOnlyList<string> All { get; } = ["Agent", "TeamLead", "Supervisor", "OpsAdmin", "Auditor"];

    /// <summary>True when <paramref name="role"/> names a role (case-insensitive).</summary>
    public static bool IsKnown(string? role) => Canonical(role) is not null;

    /// <summary>The role's canonical spelling, or null when unknown.</summary>
    public static string? Canonical(string? role) =>
        All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
}
