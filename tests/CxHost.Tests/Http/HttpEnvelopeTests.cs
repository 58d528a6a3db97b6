using System.Text;
using System.Text.Json.Nodes;
using CxHost.Envelope;
using CxHost.Http;

namespace CxHost.Tests.Http;

public sealed class HttpEnvelopeTests
{
    [Fact]
    public void The_request_object_has_the_hosts_shape_and_route_values_go_to_metadata()
    {
        var values = new Dictionary<string, string> { ["id"] = "42" };
        var req = HttpRequestEnvelope.Request("http://127.0.0.1:7071/api/items/42?x=1", "GET", [new("x", "1")], [new("Accept", ["a", "b"])], values, null);
        var envelope = HttpRequestEnvelope.Build("Items", "req", req, values, EnvelopeEncoding.DoubleEncoded, DateTimeOffset.UnixEpoch);

        var data = envelope["Data"]!["req"]!.AsObject();
        Assert.Equal(["Url", "Method", "Query", "Headers", "Params", "Identities"], data.Select(p => p.Key));
        Assert.Equal(["a", "b"], data["Headers"]!["Accept"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("1", data["Query"]!["x"]!.GetValue<string>());
        Assert.Equal("\"42\"", envelope["Metadata"]!["id"]!.GetValue<string>());
        Assert.IsType<JsonObject>(envelope["Metadata"]!["Query"]);
    }

    [Theory]
    [InlineData("""{"statusCode":201,"headers":{"Content-Type":"application/json"},"body":"{\"a\":1}"}""", 201, "{\"a\":1}")]
    [InlineData("""{"StatusCode":"404","Body":"missing"}""", 404, "missing")]
    [InlineData("""{"status":202,"body":{"queued":true}}""", 202, "{\"queued\":true}")]
    [InlineData("""{"body":"aGk="}""", 200, "aGk=")]
    public void The_http_output_binding_is_read_case_insensitively_and_its_body_is_not_base64_decoded(string json, int status, string body)
    {
        var response = HttpOutputResponse.TryRead(JsonNode.Parse(json), out var error);
        Assert.Null(error);
        Assert.Equal(status, response!.StatusCode);
        Assert.Equal(body, response.Body);
    }

    [Fact]
    public void A_response_serialized_as_a_string_is_accepted_and_garbage_is_reported()
    {
        Assert.Equal(204, HttpOutputResponse.TryRead(JsonValue.Create("""{"statusCode":204}"""), out _)!.StatusCode);
        Assert.Null(HttpOutputResponse.TryRead(JsonValue.Create("nope"), out var error));
        Assert.Contains("not an object", error, StringComparison.Ordinal);
        Assert.Null(HttpOutputResponse.TryRead(JsonNode.Parse("""{"statusCode":"teapot"}"""), out var codeError));
        Assert.Contains("not a number", codeError, StringComparison.Ordinal);
    }

    [Fact]
    public void The_development_principal_uses_app_service_authentication_format()
    {
        var principal = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(DevelopmentPrincipal.Encode("Supervisor"))))!;

        Assert.Equal("cx-development", principal["auth_typ"]!.GetValue<string>());
        Assert.Equal("name", principal["name_typ"]!.GetValue<string>());
        Assert.Equal("roles", principal["role_typ"]!.GetValue<string>());
        var claims = principal["claims"]!.AsArray().ToDictionary(c => c!["typ"]!.GetValue<string>(), c => c!["val"]!.GetValue<string>());
        Assert.Equal("dev-supervisor", claims["name"]);
        Assert.Equal("Supervisor", claims["roles"]);
    }

    [Theory]
    [InlineData("Supervisor", null, "Supervisor")]
    [InlineData("Supervisor", "auditor", "Auditor")]
    [InlineData("Supervisor", "Overlord", "Supervisor")]
    [InlineData(null, "Auditor", null)]
    public void The_role_comes_from_the_cookie_then_the_option_and_only_with_an_option(string? configured, string? cookie, string? expected)
    {
        Assert.Equal(expected, DevelopmentPrincipal.RoleFor(configured, cookie));
    }

    [Theory]
    [InlineData("x-ms-client-principal", true)]
    [InlineData("X-MS-CLIENT-PRINCIPAL-NAME", true)]
    [InlineData("x-ms-client-principal-id", true)]
    [InlineData("x-ms-client-principal-idp", true)]
    [InlineData("x-ms-token-aad-id-token", false)]
    [InlineData("Authorization", false)]
    public void The_identity_headers_app_service_authentication_strips_are_recognised(string header, bool identity)
    {
        Assert.Equal(identity, DevelopmentPrincipal.IsIdentityHeader(header));
    }

    [Theory]
    [InlineData("Agent", null, null, "team-billing")]
    [InlineData("TeamLead", "team-sales", null, "team-sales")]
    [InlineData("Agent", "team-sales", "team-support", "team-support")]
    [InlineData("Agent", "team-sales", "bad team;", "team-sales")]
    [InlineData("Agent", null, "", "team-billing")]
    [InlineData("Supervisor", "team-sales", "team-support", null)]
    [InlineData("OpsAdmin", null, null, null)]
    [InlineData("Auditor", null, "team-support", null)]
    public void The_team_comes_from_the_cookie_then_the_option_then_the_default_and_only_for_agents_and_team_leads(
        string role, string? configured, string? cookie, string? expected)
    {
        Assert.Equal(expected, DevelopmentPrincipal.TeamFor(role, configured, cookie));
    }

    [Fact]
    public void A_development_agent_carries_a_team_claim_the_handler_reads()
    {
        var encoded = DevelopmentPrincipal.HeadersFor("Agent", "team-support")[DevelopmentPrincipal.Header];
        var principal = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)))!;

        var claims = principal["claims"]!.AsArray().ToDictionary(c => c!["typ"]!.GetValue<string>(), c => c!["val"]!.GetValue<string>());
        Assert.Equal("team-support", claims["team"]);
        Assert.Equal("Agent", claims["roles"]);
    }

    [Fact]
    public void A_principal_without_a_team_has_no_team_claim()
    {
        var principal = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(DevelopmentPrincipal.Encode("Supervisor"))))!;

        Assert.DoesNotContain(principal["claims"]!.AsArray(), c => c!["typ"]!.GetValue<string>() == "team");
    }
}
