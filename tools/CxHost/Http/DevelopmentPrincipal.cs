using System.Text;
using System.Text.Json.Nodes;
using CxHost.Configuration;

namespace CxHost.Http;

/// <summary>
/// The development principal cx-host adds to HTTP requests that carry none, in App Service Authentication's
/// <c>x-ms-client-principal</c> format (base64 of <c>{"auth_typ","name_typ","role_typ","claims":[{"typ","val"}]}</c>).
/// The role comes from the <c>cx-dev-role</c> cookie when it names a role, else from <c>--as</c>. A request with its
/// own <c>x-ms-client-principal</c> passes unchanged. The handler trusts it only with <c>CxDevelopmentIdentities=true</c>.
/// </summary>
public static class DevelopmentPrincipal
{
    /// <summary>The header App Service Authentication sets.</summary>
    public const string Header = "x-ms-client-principal";

    /// <summary>The cookie the dashboard's role switcher sets.</summary>
    public const string RoleCookie = "cx-dev-role";

    /// <summary>The role to present, or null when none applies (no <c>--as</c>, or the caller sent a principal).</summary>
    public static string? RoleFor(string? configuredRole, bool requestHasPrincipal, string? cookieRole)
    {
        if (configuredRole is null || requestHasPrincipal)
        {
            return null;
        }

        return DevelopmentRoles.Canonical(cookieRole) ?? configuredRole;
    }

    /// <summary>The headers for <paramref name="role"/>: the encoded principal plus its name, id and provider.</summary>
    public static IReadOnlyDictionary<string, string> HeadersFor(string role)
    {
        var name = "dev-" + role.ToLowerInvariant();
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [Header] = Encode(role),
            ["x-ms-client-principal-name"] = name,
            ["x-ms-client-principal-id"] = name,
            ["x-ms-client-principal-idp"] = "aad",
        };
    }

    /// <summary>The base64 principal for <paramref name="role"/>.</summary>
    public static string Encode(string role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        var name = "dev-" + role.ToLowerInvariant();
        var principal = new JsonObject
        {
            ["auth_typ"] = "aad",
            ["name_typ"] = "name",
            ["role_typ"] = "roles",
            ["claims"] = new JsonArray(
                Claim("name", name),
                Claim("preferred_username", name + "@cx.local"),
                Claim("http://schemas.microsoft.com/identity/claims/objectidentifier", name),
                Claim("roles", role)),
        };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(principal.ToJsonString()));
    }

    private static JsonObject Claim(string type, string value) => new() { ["typ"] = type, ["val"] = value };
}
