using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CxServerless.Testing;

namespace CxServerless.EndToEnd.Tests.CxHost;

[Collection(AzuriteTests.Name)]
public sealed class HttpTriggerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_http_route_answers_through_the_envelope_with_route_params_and_query()
    {
        await using var app = new FixtureFunctionApp(azurite);
        app.Function("Items", FunctionJson.Http("items/{id:int}/{kind?}", "get", "post"));
        app.Function("CreatedThing", FunctionJson.Http("things", "post"));
        await app.StartAsync();

        using var response = await app.Http.GetAsync("api/items/42/big?x=1&y=two");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Items", response.Headers.GetValues("X-Fixture").Single());
        var echo = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("GET", echo["method"]!.GetValue<string>());
        Assert.Equal("42", echo["params"]!["id"]!.GetValue<string>());
        Assert.Equal("big", echo["params"]!["kind"]!.GetValue<string>());
        Assert.Equal("two", echo["query"]!["y"]!.GetValue<string>());
        Assert.Equal("TeamLead", Role(echo["principal"]!.GetValue<string>()));

        var envelope = Assert.Single(await app.EnvelopesAsync("Items"));
        var req = Assert.IsType<JsonObject>(envelope["Data"]!["req"]);
        Assert.EndsWith("/api/items/42/big?x=1&y=two", req["Url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.IsType<JsonArray>(req["Headers"]!["Host"]);
        Assert.Equal("42", Encoded.String(envelope["Metadata"]!["id"]));

        using var optionalMissing = await app.Http.GetAsync("api/items/7");
        Assert.Equal(HttpStatusCode.OK, optionalMissing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync("api/items/abc")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.DeleteAsync("api/items/7")).StatusCode);

        using var created = await app.Http.PostAsync("api/things", new StringContent("""{"a":1}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("""{"a":1}""", JsonNode.Parse(await created.Content.ReadAsStringAsync())!["body"]!.GetValue<string>());

        // Binary request bodies reach the function as base64, as the host's byte[] Body serializes.
        using var bytes = new ByteArrayContent([0, 1, 254, 255]);
        bytes.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        using var binary = await app.Http.PostAsync("api/things", bytes);
        Assert.Equal(Convert.ToBase64String([0, 1, 254, 255]), JsonNode.Parse(await binary.Content.ReadAsStringAsync())!["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_development_principal_follows_the_cookie_and_replaces_a_callers_own()
    {
        await using var app = new FixtureFunctionApp(azurite);
        app.Function("Who", FunctionJson.Http("who", "get"));
        await app.StartAsync();

        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "api/who");
        withCookie.Headers.Add("Cookie", "cx-dev-role=Auditor");
        var auditor = JsonNode.Parse(await (await app.Http.SendAsync(withCookie)).Content.ReadAsStringAsync())!;
        Assert.Equal("Auditor", Role(auditor["principal"]!.GetValue<string>()));

        // A forged principal is removed, as App Service Authentication strips it; the caller gets cx-host's own.
        using var forged = new HttpRequestMessage(HttpMethod.Get, "api/who");
        forged.Headers.Add("x-ms-client-principal", Forged("OpsAdmin"));
        forged.Headers.Add("X-MS-CLIENT-PRINCIPAL-NAME", "mallory");
        var replaced = JsonNode.Parse(await (await app.Http.SendAsync(forged)).Content.ReadAsStringAsync())!;
        Assert.Equal("TeamLead", Role(replaced["principal"]!.GetValue<string>()));
        var headers = (await app.EnvelopesAsync("Who")).Last()["Data"]!["req"]!["Headers"]!.AsObject();
        var names = headers.Where(h => h.Key.StartsWith("x-ms-client-principal", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value![0]!.GetValue<string>());
        Assert.Equal("dev-teamlead", names["x-ms-client-principal-name"]);

        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Http.BaseAddress };
        using var root = await noRedirect.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/api/dashboard", root.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Without_a_development_role_a_callers_principal_headers_are_removed_and_none_is_added()
    {
        await using var app = new FixtureFunctionApp(azurite) { DevelopmentRole = null };
        app.Function("Who", FunctionJson.Http("who", "get"));
        await app.StartAsync();

        using var forged = new HttpRequestMessage(HttpMethod.Get, "api/who");
        forged.Headers.Add("x-ms-client-principal", Forged("OpsAdmin"));
        forged.Headers.Add("x-ms-client-principal-idp", "aad");
        forged.Headers.Add("Cookie", "cx-dev-role=OpsAdmin");
        var echo = JsonNode.Parse(await (await app.Http.SendAsync(forged)).Content.ReadAsStringAsync())!;

        Assert.Null(echo["principal"]);
        var headers = Assert.Single(await app.EnvelopesAsync("Who"))["Data"]!["req"]!["Headers"]!.AsObject();
        Assert.DoesNotContain(headers, h => h.Key.StartsWith("x-ms-client-principal", StringComparison.OrdinalIgnoreCase));
    }

    private static string Forged(string role) => Convert.ToBase64String(Encoding.UTF8.GetBytes(
        """{"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":[{"typ":"name","val":"mallory"},"""
        + $$"""{"typ":"roles","val":"{{role}}"}]}"""));

    private static string Role(string principal)
    {
        var json = JsonNode.Parse(Convert.FromBase64String(principal))!;
        Assert.Equal("roles", json["role_typ"]!.GetValue<string>());
        return json["claims"]!.AsArray().Single(c => c!["typ"]!.GetValue<string>() == "roles")!["val"]!.GetValue<string>();
    }
}
