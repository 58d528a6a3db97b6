namespace CxServerless.Domain.Access;

/// <summary>Who asks, as far as the access rules care: their roles, their team and their stable id.</summary>
/// <param name="Roles">The CxServerless roles held (<see cref="CxRoles"/>, canonical names).</param>
/// <param name="Team">The team claim, or null when the identity carries none.</param>
/// <param name="UserId">The stable user id (object id), or null when the identity provider gives none.</param>
public sealed record AccessSubject(IReadOnlySet<string> Roles, string? Team, string? UserId)
{
    /// <summary>True when the subject holds any of <paramref name="roles"/>.</summary>
    /// <param name="roles">The roles to look for.</param>
    /// <returns>Whether one of them is held.</returns>
    public bool HoldsAny(IEnumerable<string> roles) => roles.Any(Roles.Contains);
}
