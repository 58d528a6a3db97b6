using CxServerless.Domain.Access;

namespace CxServerless.Functions.Security;

/// <summary>Who is calling an HTTP function, as App Service Authentication (or cx-host in development) vouches.</summary>
/// <param name="Name">The display or user name.</param>
/// <param name="UserId">The stable user id (object id), when the identity provider gives one.</param>
/// <param name="Roles">The CxServerless roles held (<see cref="CxRoles"/>); unknown roles are dropped.</param>
/// <param name="Team">The team the caller belongs to (claim <c>team</c>), which scopes what an agent sees.</param>
/// <param name="IsDevelopment">True for a development principal supplied by cx-host.</param>
public sealed record CallerPrincipal(string Name, string? UserId, IReadOnlySet<string> Roles, string? Team, bool IsDevelopment)
{
    /// <summary>An unauthenticated caller.</summary>
    public static CallerPrincipal Anonymous { get; } = new("anonymous", null, new HashSet<string>(), null, false);

    /// <summary>
    /// The Entra group object ids of the caller (claims <c>groups</c>), from which <see cref="TeamGroupDirectory"/> derives
    /// <see cref="Team"/> when the caller has no <c>team</c> claim.
    /// </summary>
    public IReadOnlySet<string> Groups { get; init; } = new HashSet<string>();

    /// <summary>True when the caller is authenticated.</summary>
    public bool IsAuthenticated => !ReferenceEquals(this, Anonymous);

    /// <summary>True when the caller holds any of <paramref name="roles"/>.</summary>
    public bool IsInAnyRole(IEnumerable<string> roles) => roles.Any(Roles.Contains);

    /// <summary>The caller as the domain's access rules see them.</summary>
    public AccessSubject Subject => new(Roles, Team, UserId);

    /// <summary>How the caller is named on timelines and in workflow events: their user id, else their name.</summary>
    public string PersonId => UserId ?? Name;
}
