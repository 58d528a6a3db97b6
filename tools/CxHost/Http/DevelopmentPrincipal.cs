using System.Text;
using System.Text.Json.Nodes;
using CxHost.Configuration;

namespace CxHost.Http;

/// <summary>
/// The development principal cx-host adds to HTTP requests that carry none, in App Service Authentication's
/// <c>x-ms-client-principal</c> format (base64 of <c>{"auth_typ","name_typ","role_typ","claims":[{"typ","val"}]}</c>).
/// The role comes from the <c>cx-dev-role</c> cookie when it names a role, else from <c>--as</c>. Agents and team leads
/// also get a <c>team</c> claim: the <c>cx-dev-team</c> cookie when it is a valid team name, else <c>--team</c>, else
/// <see cref="DefaultTeam"/>. Like App Service Authentication, which strips forged identity headers, cx-host removes every
/// <c>x-ms-client-principal*</c> header a caller sends (<see cref="IsIdentityHeader"/>) before it adds its own, so the
/// only principal the handler ever sees is the one cx-host minted. The handler trusts it only with
/// <c>CxDevelopmentIdentities=true</c>.
/// </summary>
public static class DevelopmentPrincipal
{
    /// <summary>The header App Service Authentication sets.</summary>
    public const string Header = "x-ms-client-principal";

    /// <summary>
    /// The <c>auth_typ</c> of development principals. The handler refuses principals of this type unless
    /// <c>CxDevelopmentIdentities=true</c>, so they can never pass as real sign-ins.
    /// </summary>
    public const string AuthType = "cx-development";

    /// <summary>The cookie the dashboard's role switcher sets.</summary>
    public const string RoleCookie = "cx-dev-role";

    /// <summary>The cookie that picks the team of a development agent or team lead.</summary>
    public const string TeamCookie = "cx-dev-team";

    /// <summary>The team of development agents and team leads when neither the cookie nor <c>--team</c> names one.</summary>
    public const string DefaultTeam = "team-billing";

    /// <summary>The longest team name accepted from <c>--team</c> or the cookie.</summary>
    public const int MaxTeamLength = 64;

    /// <summary>The role to present, or null when none applies (no <c>--as</c>).</summary>
    public static string? RoleFor(string? configuredRole, string? cookieRole) =>
        configuredRole is null ? null : DevelopmentRoles.Canonical(cookieRole) ?? configuredRole;

    /// <summary>
    /// True for the headers App Service Authentication sets and strips from callers' requests: <c>x-ms-client-principal</c>
    /// and its <c>-name</c>, <c>-id</c> and <c>-idp</c> companions. cx-host removes them from every request.
    /// </summary>
    public static bool IsIdentityHeader(string name) =>
        name.StartsWith(Header, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The team claim for <paramref name="role"/>: null for roles that see every team (Supervisor, OpsAdmin, Auditor);
    /// for Agent and TeamLead the cookie's team when valid, else <paramref name="configuredTeam"/>, else <see cref="DefaultTeam"/>.
    /// </summary>
    public static string? TeamFor(string role, string? configuredTeam, string? cookieTeam)
    {
        if (!RoleHasTeam(role))
        {
            return null;
        }

        return IsValidTeam(cookieTeam) ? cookieTeam!.Trim() : IsValidTeam(configuredTeam) ? configuredTeam!.Trim() : DefaultTeam;
    }

    /// <summary>True for the roles whose view is scoped to one team (Agent, TeamLead).</summary>
    public static bool RoleHasTeam(string? role) =>
        DevelopmentRoles.Canonical(role) is "Agent" or "TeamLead";

    /// <summary>True when <paramref name="team"/> is a usable team name: 1 to 64 letters, digits, <c>-</c>, <c>_</c> or <c>.</c>.</summary>
    public static bool IsValidTeam(string? team)
    {
        var trimmed = team?.Trim();
        return !string.IsNullOrEmpty(trimmed) && trimmed.Length <= MaxTeamLength
            && trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
    }

    /// <summary>
    /// The headers for <paramref name="role"/> (and <paramref name="team"/>): the encoded principal plus its name, id and provider.
    /// </summary>
    public static IReadOnlyDictionary<string, string> HeadersFor(string role, string? team = null)
    {
        var name = "dev-" + role.ToLowerInvariant();
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [Header] = Encode(role, team),
            ["x-ms-client-principal-name"] = name,
            ["x-ms-client-principal-id"] = name,
            ["x-ms-client-principal-idp"] = AuthType,
        };
    }

    /// <summary>The base64 principal for <paramref name="role"/>, with a <c>team</c> claim when <paramref name="team"/> is given.</summary>
    public static string Encode(string role, string? team = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        var name = "dev-" + role.ToLowerInvariant();
        var principal = new JsonObject
        {
            ["auth_typ"] = AuthType,
            ["name_typ"] = "name",
            ["role_typ"] = "roles",
            ["claims"] = new JsonArray(
                Claim("name", name),
                Claim("http://schemas.microsoft.com/identity/claims/objectidentifier", name),
                Claim("roles", role)),
        };
        if (team is not null)
        {
            principal["claims"]!.AsArray().Add(Claim("team", team));
        }

        return Convert.ToBase64String(Encoding.UTF8.GetBytes(principal.ToJsonString()));
    }

    private static JsonObject Claim(string type, string value) => new() { ["typ"] = type, ["val"] = value };
}
