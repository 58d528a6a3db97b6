using System.Text;
using System.Text.Json.Nodes;
using CxServerless.Domain.Access;

namespace CxServerless.Functions.Tests.Tasks;

/// <summary>A signed-in person as App Service Authentication presents them: user id (oid), role and team claim.</summary>
internal sealed record Caller(string UserId, string Role, string? Team)
{
    public static Caller AgentOne { get; } = new("agent-1", CxRoles.Agent, "billing");

    public static Caller AgentTwo { get; } = new("agent-2", CxRoles.Agent, "billing");

    public static Caller BillingLead { get; } = new("lead-billing", CxRoles.TeamLead, "billing");

    public static Caller SalesLead { get; } = new("lead-sales", CxRoles.TeamLead, "sales");

    public static Caller Supervisor { get; } = new("sup-1", CxRoles.Supervisor, null);

    public static Caller OpsAdmin { get; } = new("ops-1", CxRoles.OpsAdmin, null);

    public static Caller Auditor { get; } = new("audit-1", CxRoles.Auditor, null);

    /// <summary>The base64 <c>x-ms-client-principal</c> header.</summary>
    public string Principal()
    {
        var claims = new JsonArray(
            Claim("name", UserId),
            Claim("http://schemas.microsoft.com/identity/claims/objectidentifier", UserId),
            Claim("roles", Role));
        if (Team is not null)
        {
            claims.Add(Claim("team", Team));
        }

        var principal = new JsonObject { ["auth_typ"] = "aad", ["name_typ"] = "name", ["role_typ"] = "roles", ["claims"] = claims };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(principal.ToJsonString()));
    }

    private static JsonObject Claim(string type, string value) => new() { ["typ"] = type, ["val"] = value };
}
