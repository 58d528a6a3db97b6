using System.Text;
using System.Text.Json;
using CxServerless.Domain.Access;

namespace CxServerless.Functions.Security;

/// <summary>
/// Reads <c>x-ms-client-principal</c> in App Service Authentication's format: base64 of
/// <c>{"auth_typ","name_typ","role_typ","claims":[{"typ","val"}]}</c>. Only the Functions host can reach the handler's
/// loopback port, and in Azure the platform strips any such header a client sends, so the header is trusted as given.
/// </summary>
public static class ClientPrincipalReader
{
    /// <summary>The header App Service Authentication sets.</summary>
    public const string HeaderName = "x-ms-client-principal";

    /// <summary>The <c>auth_typ</c> cx-host gives development principals.</summary>
    public const string DevelopmentAuthType = "cx-development";

    private const int MaxHeaderLength = 32 * 1024;

    private static readonly string[] NameClaimTypes =
        ["name", "preferred_username", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"];

    private static readonly string[] RoleClaimTypes =
        ["roles", "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"];

    private static readonly string[] GroupClaimTypes =
        ["groups", "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups"];

    private const int MaxGroups = 1000;

    private static readonly string[] UserIdClaimTypes =
        ["http://schemas.microsoft.com/identity/claims/objectidentifier", "oid"];

    /// <summary>
    /// Reads the principal. Returns <see cref="CallerPrincipal.Anonymous"/> when there is no header, and null with a
    /// reason when the header is malformed or is a development principal while <paramref name="allowDevelopment"/> is off.
    /// </summary>
    public static CallerPrincipal? TryRead(string? header, bool allowDevelopment, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(header))
        {
            return CallerPrincipal.Anonymous;
        }

        if (header.Length > MaxHeaderLength)
        {
            error = $"{HeaderName} is longer than {MaxHeaderLength} characters.";
            return null;
        }

        try
        {
            var json = Encoding.UTF8.GetString(Convert.FromBase64String(header.Trim()));
            using var doc = JsonDocument.Parse(json);
            return Read(doc.RootElement, allowDevelopment, out error);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            error = $"{HeaderName} is not base64-encoded principal JSON.";
            return null;
        }
    }

    /// <summary>Builds the header value for a principal (used by cx-host and tests).</summary>
    public static string Encode(string authType, string name, IEnumerable<string> roles, string? team = null)
    {
        var claims = new List<object> { new { typ = "name", val = name } };
        claims.AddRange(roles.Select(r => new { typ = "roles", val = r }));
        if (team is not null)
        {
            claims.Add(new { typ = "team", val = team });
        }

        var json = JsonSerializer.Serialize(new { auth_typ = authType, name_typ = "name", role_typ = "roles", claims });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }

    private static CallerPrincipal? Read(JsonElement root, bool allowDevelopment, out string? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("claims", out var claims)
            || claims.ValueKind != JsonValueKind.Array)
        {
            error = $"{HeaderName} has no 'claims' array.";
            return null;
        }

        var authType = Text(root, "auth_typ") ?? string.Empty;
        var isDevelopment = string.Equals(authType, DevelopmentAuthType, StringComparison.OrdinalIgnoreCase);
        if (isDevelopment && !allowDevelopment)
        {
            error = "Development principals are not accepted: CxDevelopmentIdentities is off.";
            return null;
        }

        var nameType = Text(root, "name_typ");
        var roleType = Text(root, "role_typ");
        string? name = null, userId = null, team = null;
        var roles = new HashSet<string>(StringComparer.Ordinal);
        var groups = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var claim in claims.EnumerateArray())
        {
            var typ = Text(claim, "typ");
            var val = Text(claim, "val");
            if (typ is null || val is null)
            {
                continue;
            }

            if (typ == roleType || RoleClaimTypes.Contains(typ, StringComparer.OrdinalIgnoreCase))
            {
                if (CxRoles.Normalize(val) is { } role)
                {
                    roles.Add(role);
                }
            }
            else if (name is null && (typ == nameType || NameClaimTypes.Contains(typ, StringComparer.OrdinalIgnoreCase)))
            {
                name = val;
            }
            else if (userId is null && UserIdClaimTypes.Contains(typ, StringComparer.OrdinalIgnoreCase))
            {
                userId = val;
            }
            else if (team is null && string.Equals(typ, "team", StringComparison.OrdinalIgnoreCase))
            {
                team = val;
            }
            else if (GroupClaimTypes.Contains(typ, StringComparer.OrdinalIgnoreCase) && groups.Count < MaxGroups
                && Guid.TryParseExact(val, "D", out var group))
            {
                groups.Add(group.ToString("D"));
            }
        }

        return new CallerPrincipal(name ?? userId ?? "unknown", userId, roles, team, isDevelopment) { Groups = groups };
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty(property, out var value)
            && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
