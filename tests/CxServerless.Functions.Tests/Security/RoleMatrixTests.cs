using System.Net;
using System.Text.Json.Nodes;
using CxServerless.Domain.Access;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Functions.Tests.Security;

/// <summary>
/// Role × endpoint: every HTTP function the real handler registers is called over real HTTP by every role and by an
/// anonymous caller, and each cell must match the roles the function declares.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class RoleMatrixTests(AzuriteFixture azurite) : IDisposable
{
    private readonly HandlerServer _server = new(azurite.ConnectionString, hostJson: """{"version":"2.0","functionTimeout":"00:00:30"}""");

    public void Dispose() => _server.Dispose();

    private static async Task<int> CallAsync(HttpClient client, HttpFunction function, string? principal)
    {
        var headers = new JsonObject();
        if (principal is not null)
        {
            headers[ClientPrincipalReader.HeaderName] = new JsonArray(principal);
        }

        var envelope = new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["req"] = new JsonObject
                {
                    ["Url"] = $"http://127.0.0.1:7071/api/{function.Name}",
                    ["Method"] = "GET",
                    ["Query"] = new JsonObject(),
                    ["Headers"] = headers,
                    ["Params"] = new JsonObject(),
                },
            },
            ["Metadata"] = new JsonObject(),
        };
        using var content = new StringContent(envelope.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        var response = await client.PostAsync(new Uri($"/{function.Name}", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Outputs"]!["res"]!["statusCode"]!.GetValue<int>();
    }

    [Fact]
    public async Task Every_http_function_admits_exactly_the_roles_it_declares()
    {
        using var client = _server.Client();
        var functions = _server.Services.GetServices<IFunctionHandler>().OfType<HttpFunction>().ToList();
        Assert.NotEmpty(functions);
        var cells = new List<string>();
        foreach (var function in functions)
        {
            foreach (var role in CxRoles.All)
            {
                var status = await CallAsync(client, function, ClientPrincipalReader.Encode("aad", $"matrix-{role}", [role]));
                var allowed = function.AllowedRoles.Count == 0 || function.AllowedRoles.Contains(role);
                cells.Add($"{function.Name}×{role}={status}");
                Assert.True(allowed ? status is not (401 or 403) : status == 403,
                    $"{function.Name} called by {role}: {status}, expected {(allowed ? "admitted" : "403")}");
            }

            var anonymous = await CallAsync(client, function, null);
            Assert.True(function.AllowedRoles.Count == 0 ? anonymous is not (401 or 403) : anonymous == 401,
                $"{function.Name} called anonymously: {anonymous}");
        }

        Assert.Equal(functions.Count * CxRoles.All.Count, cells.Count);
    }
}
