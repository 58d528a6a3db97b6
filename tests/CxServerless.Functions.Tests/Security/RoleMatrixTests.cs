using System.Globalization;
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
/// Role × endpoint: every <c>httpTrigger</c> function of <c>functions/</c> is called over real HTTP against the real
/// handler by every role and by an anonymous caller, and each cell must match the table in <c>docs/security.md</c> (the
/// expectation; never the functions' own role lists). An admitted caller must get a 2xx or a 4xx by design other than
/// 401 and 403; a refused one 401 (anonymous) or 403; a 5xx fails any cell.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class RoleMatrixTests(AzuriteFixture azurite) : IDisposable
{
    private readonly HandlerServer _server = new(azurite.ConnectionString, hostJson: """{"version":"2.0","functionTimeout":"00:00:30"}""");

    public void Dispose() => _server.Dispose();

    /// <summary>The httpTrigger functions of the app, with their method and route, from their function.json files.</summary>
    internal static IReadOnlyList<(string Name, string Method, string Route)> HttpFunctions() => [.. Directory
        .EnumerateDirectories(Path.Combine(AzuriteFixture.RepositoryRoot(), "functions"))
        .Where(d => File.Exists(Path.Combine(d, "function.json")))
        .Select(d => (Name: Path.GetFileName(d), Bindings: JsonNode.Parse(File.ReadAllText(Path.Combine(d, "function.json")))!))
        .Select(f => (f.Name, Trigger: f.Bindings["bindings"]!.AsArray().OfType<JsonObject>()
            .Single(b => b["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))))
        .Where(f => f.Trigger["type"]!.GetValue<string>() == "httpTrigger")
        .Select(f => (
            f.Name, f.Trigger["methods"]!.AsArray()[0]!.GetValue<string>().ToUpperInvariant(), f.Trigger["route"]!.GetValue<string>()))
        .OrderBy(f => f.Name, StringComparer.Ordinal)];

    /// <summary>A principal as App Service Authentication sends it; Agents and TeamLeads carry a team, as they would in Azure.</summary>
    internal static string Principal(string role) => ClientPrincipalReader.Encode(
        "aad", $"matrix-{role.ToLowerInvariant()}", [role], role is CxRoles.Agent or CxRoles.TeamLead ? "team-billing" : null);

    private static async Task<int> CallAsync(HttpClient client, string function, string method, string route, string? principal)
    {
        var headers = new JsonObject();
        if (principal is not null)
        {
            headers[ClientPrincipalReader.HeaderName] = new JsonArray(principal);
        }

        // Route values that name nothing (an unknown task, instance, asset), so that no admitted call changes anything.
        var parameters = new JsonObject();
        foreach (var name in new[] { "id", "name" }.Where(n => route.Contains('{' + n, StringComparison.Ordinal)))
        {
            parameters[name] = "matrix-unknown";
        }

        var envelope = new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["req"] = new JsonObject
                {
                    ["Url"] = $"http://127.0.0.1:7071/api/{route}",
                    ["Method"] = method,
                    ["Query"] = new JsonObject(),
                    ["Headers"] = headers,
                    ["Params"] = parameters,
                    ["Body"] = method is "GET" or "DELETE" ? null : "{}",
                },
            },
            ["Metadata"] = new JsonObject(),
        };
        using var content = new StringContent(envelope.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri($"/{function}", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Outputs"]!["res"]!["statusCode"]!.GetValue<int>();
    }

    [Fact]
    public async Task Every_http_function_admits_exactly_the_callers_docs_security_md_lists()
    {
        var table = SecurityTable.Read();
        var functions = HttpFunctions();
        Assert.NotEmpty(functions);
        var handlers = _server.Services.GetServices<IFunctionHandler>().ToDictionary(h => h.Name, StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        using var client = _server.Client();
        foreach (var (name, method, route) in functions)
        {
            if (handlers.GetValueOrDefault(name) is not HttpFunction)
            {
                problems.Add($"{name} is an httpTrigger function but not an access-checked HttpFunction");
                continue;
            }

            if (!table.Rows.TryGetValue(name, out var row))
            {
                problems.Add($"{name} is not in the table of docs/security.md");
                continue;
            }

            if (row.Method != method || row.Route != route)
            {
                problems.Add($"{name}: docs/security.md says {row.Method} {row.Route}, function.json {method} {route}");
            }

            foreach (var caller in new[] { SecurityTable.Anonymous }.Concat(CxRoles.All))
            {
                var status = await CallAsync(client, name, method, route, caller == SecurityTable.Anonymous ? null : Principal(caller));
                var refusal = caller == SecurityTable.Anonymous ? 401 : 403;
                var ok = row.Admits(caller)
                    ? status is (>= 200 and < 300) or (>= 400 and < 500) && status is not (401 or 403)
                    : status == refusal;
                if (!ok)
                {
                    var expected = row.Admits(caller) ? "an answer (2xx or 4xx by design)" : refusal.ToString(CultureInfo.InvariantCulture);
                    problems.Add($"{name} called by {caller}: {status}, expected {expected}");
                }
            }
        }

        problems.AddRange(
            table.Rows.Keys.Where(f => functions.All(h => h.Name != f)).Select(f => $"{f}: in docs/security.md, no such function"));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
