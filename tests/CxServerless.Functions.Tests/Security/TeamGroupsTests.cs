using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CxServerless.Functions.Security;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Testing;

namespace CxServerless.Functions.Tests.Security;

/// <summary>
/// The mapping of Entra groups to teams over real HTTP against the real handler: OpsAdmin replaces it, the problems are
/// listed, and a team lead whose principal carries only <c>groups</c> claims sees their team once deployed.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class TeamGroupsTests(AzuriteFixture azurite) : IDisposable
{
    private const string BillingGroup = "6f1c2a4e-0000-4000-8000-00000000b111";
    private const string SalesGroup = "6f1c2a4e-0000-4000-8000-00000000c222";

    private readonly HandlerServer _server = new(azurite.ConnectionString);

    public void Dispose() => _server.Dispose();

    private static string Principal(string role, params string[] groups)
    {
        var claims = new JsonArray(
            new JsonObject { ["typ"] = "name", ["val"] = $"groups-{role}" },
            new JsonObject { ["typ"] = "roles", ["val"] = role });
        foreach (var group in groups)
        {
            claims.Add(new JsonObject { ["typ"] = "groups", ["val"] = group });
        }

        var json = new JsonObject { ["auth_typ"] = "aad", ["name_typ"] = "name", ["role_typ"] = "roles", ["claims"] = claims };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    private async Task<(int Status, JsonNode? Body)> CallAsync(
        string function, string method, string principal, string? body = null, JsonObject? query = null)
    {
        var req = new JsonObject
        {
            ["Url"] = "http://127.0.0.1:7071/api/" + function,
            ["Method"] = method,
            ["Query"] = query ?? new JsonObject(),
            ["Headers"] = new JsonObject { [ClientPrincipalReader.HeaderName] = new JsonArray(principal) },
            ["Params"] = new JsonObject(),
            ["Body"] = body,
        };
        var envelope = new JsonObject { ["Data"] = new JsonObject { ["req"] = req }, ["Metadata"] = new JsonObject() };
        using var client = _server.Client();
        using var content = new StringContent(envelope.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/" + function, UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var res = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Outputs"]!["res"]!;
        var text = res["body"]?.GetValue<string>();
        return (res["statusCode"]!.GetValue<int>(), string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text));
    }

    [Fact]
    public async Task OpsAdmin_maps_groups_to_teams_and_a_team_lead_with_only_group_claims_sees_their_team()
    {
        var lead = Principal("TeamLead", BillingGroup, "not-a-guid");
        var (before, problem) = await CallAsync("EscalationKpis", "GET", lead);
        Assert.Equal(400, before);
        Assert.Contains("team claim", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var mapping = $$"""{"groups":[{"groupId":"{{BillingGroup}}","team":"team-billing"},"""
            + $$"""{"groupId":"{{SalesGroup.ToUpperInvariant()}}","team":"team-sales"}]}""";
        var (put, stored) = await CallAsync("TeamGroupsReplace", "PUT", Principal("OpsAdmin"), mapping);
        Assert.Equal(200, put);
        Assert.Equal(2, stored!["groups"]!.AsArray().Count);

        var (get, listed) = await CallAsync("TeamGroupsGet", "GET", Principal("Auditor"));
        Assert.Equal(200, get);
        var teams = listed!["groups"]!.AsArray().ToDictionary(g => g!["groupId"]!.GetValue<string>(), g => g!["team"]!.GetValue<string>());
        Assert.Equal("team-billing", teams[BillingGroup]);
        Assert.Equal("team-sales", teams[SalesGroup]);

        var (after, figures) = await CallAsync("EscalationKpis", "GET", lead);
        Assert.Equal(200, after);
        Assert.Equal("team-billing", figures!["team"]!.GetValue<string>());

        // Another team's figures stay out of reach, and groups of two teams give no team at all.
        var (other, _) = await CallAsync("EscalationKpis", "GET", lead, query: new JsonObject { ["team"] = "team-sales" });
        Assert.Equal(403, other);
        var (ambiguous, _) = await CallAsync("EscalationKpis", "GET", Principal("TeamLead", BillingGroup, SalesGroup));
        Assert.Equal(400, ambiguous);

        // Replacing the mapping removes the groups it no longer lists.
        var (emptied, _) = await CallAsync("TeamGroupsReplace", "PUT", Principal("OpsAdmin"), """{"groups":[]}""");
        Assert.Equal(200, emptied);
        var (_, none) = await CallAsync("TeamGroupsGet", "GET", Principal("OpsAdmin"));
        Assert.Empty(none!["groups"]!.AsArray());
    }

    [Fact]
    public async Task A_bad_mapping_is_refused_with_every_problem_and_changes_nothing()
    {
        var good = $$"""{"groups":[{"groupId":"{{BillingGroup}}","team":"team-billing"}]}""";
        Assert.Equal(200, (await CallAsync("TeamGroupsReplace", "PUT", Principal("OpsAdmin"), good)).Status);

        var bad = $$"""
            {"groups":[{"groupId":"nope","team":"team-billing"},{"groupId":"{{SalesGroup}}","team":"team-nowhere"},
            {"groupId":"{{SalesGroup}}","team":"team-sales"}]}
            """;
        var (status, problem) = await CallAsync("TeamGroupsReplace", "PUT", Principal("OpsAdmin"), bad);
        Assert.Equal(422, status);
        var errors = problem!["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.Contains(errors, e => e.StartsWith("groups[0].groupId", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("groups[1].team", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("groups[2].groupId", StringComparison.Ordinal));

        Assert.Equal(400, (await CallAsync("TeamGroupsReplace", "PUT", Principal("OpsAdmin"), "{not json")).Status);
        Assert.Equal(400, (await CallAsync("TeamGroupsReplace", "PUT", Principal("OpsAdmin"), "[]")).Status);
        Assert.Equal(413, (await CallAsync("TeamGroupsReplace", "PUT", Principal("OpsAdmin"), new string(' ', 70_000) + good)).Status);
        Assert.Equal(403, (await CallAsync("TeamGroupsReplace", "PUT", Principal("Supervisor"), good)).Status);

        var (_, listed) = await CallAsync("TeamGroupsGet", "GET", Principal("OpsAdmin"));
        var only = Assert.Single(listed!["groups"]!.AsArray());
        Assert.Equal(BillingGroup, only!["groupId"]!.GetValue<string>());
    }
}
