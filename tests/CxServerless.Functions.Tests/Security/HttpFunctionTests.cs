using System.Text.Json.Nodes;
using CxServerless.Domain.Access;
using CxServerless.Functions.Audit;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using CxServerless.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CxServerless.Functions.Tests.Security;

[Collection(AzuriteTests.Name)]
public sealed class HttpFunctionTests(AzuriteFixture azurite)
{
    private sealed class SensitiveView(HttpFunctionServices services) : HttpFunction(services)
    {
        public override string Name => "SensitiveView";

        public override IReadOnlySet<string> AllowedRoles { get; } = new HashSet<string> { CxRoles.Supervisor, CxRoles.Auditor };

        protected override bool AuditAccess => true;

        protected override Task<HttpTriggerResponse> HandleAsync(HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpTriggerResponse(200, new JsonObject { ["caller"] = caller.Name }.ToJsonString()));
    }

    private (SensitiveView Function, AuditLog Audit) Create(bool development)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var audit = new AuditLog(azurite.Tables.GetTableClient(AzuriteFixture.UniqueName("audit")), time);
        var services = new HttpFunctionServices(Options.Create(new SecurityOptions { DevelopmentIdentities = development }), audit, NullLogger<HttpFunction>.Instance);
        return (new SensitiveView(services), audit);
    }

    private static InvocationRequest Request(string? principal)
    {
        var headers = new JsonObject();
        if (principal is not null)
        {
            headers[ClientPrincipalReader.HeaderName] = new JsonArray(principal);
        }

        var req = new JsonObject { ["Url"] = "http://127.0.0.1:7071/api/sensitive", ["Method"] = "GET", ["Headers"] = headers };
        return new InvocationRequest("SensitiveView", "inv-1", new JsonObject { ["req"] = req }, []);
    }

    private static int StatusOf(InvocationResult result) => result.Outputs["res"]!["statusCode"]!.GetValue<int>();

    [Theory]
    [InlineData(CxRoles.Agent, 403)]
    [InlineData(CxRoles.TeamLead, 403)]
    [InlineData(CxRoles.Supervisor, 200)]
    [InlineData(CxRoles.OpsAdmin, 403)]
    [InlineData(CxRoles.Auditor, 200)]
    public async Task Each_role_gets_what_the_function_declares(string role, int expected)
    {
        var (function, _) = Create(development: false);
        var header = ClientPrincipalReader.Encode("aad", $"user-{role}", [role]);
        var result = await function.InvokeAsync(Request(header), CancellationToken.None);
        Assert.Equal(expected, StatusOf(result));
    }

    [Fact]
    public async Task Anonymous_caller_gets_401_problem_details()
    {
        var (function, _) = Create(development: false);
        var result = await function.InvokeAsync(Request(null), CancellationToken.None);
        Assert.Equal(401, StatusOf(result));
        var res = result.Outputs["res"]!;
        Assert.StartsWith("application/problem+json", res["headers"]!["Content-Type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(401, JsonNode.Parse(res["body"]!.GetValue<string>())!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Allowed_reads_and_refusals_are_written_to_the_audit_trail()
    {
        var (function, audit) = Create(development: true);
        await function.InvokeAsync(Request(ClientPrincipalReader.Encode(ClientPrincipalReader.DevelopmentAuthType, "dev-supervisor", [CxRoles.Supervisor])), CancellationToken.None);
        await function.InvokeAsync(Request(ClientPrincipalReader.Encode("aad", "an-agent", [CxRoles.Agent])), CancellationToken.None);

        var rows = await audit.ReadDayAsync(new DateOnly(2026, 11, 23), 10, CancellationToken.None);
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.GetString("Actor") == "dev-supervisor" && r.GetString("Outcome") == "200" && r.GetBoolean("Development") == true);
        Assert.Contains(rows, r => r.GetString("Actor") == "an-agent" && r.GetString("Outcome") == "forbidden");
    }

    [Fact]
    public async Task Development_principal_is_401_when_development_identities_are_off()
    {
        var (function, _) = Create(development: false);
        var header = ClientPrincipalReader.Encode(ClientPrincipalReader.DevelopmentAuthType, "dev", [CxRoles.Supervisor]);
        Assert.Equal(401, StatusOf(await function.InvokeAsync(Request(header), CancellationToken.None)));
    }

    [Fact]
    public async Task A_request_that_is_not_an_http_request_gets_400()
    {
        var (function, _) = Create(development: false);
        var result = await function.InvokeAsync(new InvocationRequest("SensitiveView", "x", new JsonObject { ["req"] = 5 }, []), CancellationToken.None);
        Assert.Equal(400, StatusOf(result));
    }
}
