using System.Text.Json.Nodes;
using CxServerless.Domain.Access;
using CxServerless.Functions.Audit;
using CxServerless.Functions.Dashboard;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using CxServerless.Functions.Tasks;
using CxServerless.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CxServerless.Functions.Tests.Tasks;

/// <summary>The inbox page and its static files, invoked directly with the custom-handler envelope.</summary>
[Collection(AzuriteTests.Name)]
public sealed class InboxPageTests(AzuriteFixture azurite)
{
    private static readonly DashboardAssets Assets = new();
    private static readonly DateOnly Today = new(2026, 11, 24);

    private (HttpFunctionServices Services, AuditLog Audit) Services()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(Today, new TimeOnly(9, 0), TimeSpan.Zero));
        var audit = new AuditLog(azurite.Tables.GetTableClient(AzuriteFixture.UniqueName("audit")), time);
        return (new HttpFunctionServices(Options.Create(new SecurityOptions()), audit, NullLogger<HttpFunction>.Instance), audit);
    }

    private static InvocationRequest Request(
        string function, string url, string? role, JsonObject? parameters = null, JsonObject? query = null)
    {
        var headers = new JsonObject();
        if (role is not null)
        {
            headers[ClientPrincipalReader.HeaderName] = new JsonArray(ClientPrincipalReader.Encode("aad", $"user-{role}", [role]));
        }

        var req = new JsonObject
        {
            ["Url"] = url,
            ["Method"] = "GET",
            ["Headers"] = headers,
            ["Params"] = parameters ?? [],
            ["Query"] = query ?? [],
        };
        return new InvocationRequest(function, "inv-1", new JsonObject { ["req"] = req }, []);
    }

    private static JsonNode Response(InvocationResult result) => result.Outputs["res"]!;

    [Theory]
    [InlineData(CxRoles.Agent)]
    [InlineData(CxRoles.TeamLead)]
    [InlineData(CxRoles.Supervisor)]
    [InlineData(CxRoles.OpsAdmin)]
    [InlineData(CxRoles.Auditor)]
    public async Task Every_role_gets_the_inbox_page_with_the_strict_content_security_policy_and_the_view_is_audited(string role)
    {
        var (services, audit) = Services();
        var function = new InboxFunction(services, new InboxPage(Assets));
        var request = Request("Inbox", "http://127.0.0.1:7071/api/inbox?alertId=a1", role);

        var result = await function.InvokeAsync(request, CancellationToken.None);

        Assert.Equal(200, Response(result)["statusCode"]!.GetValue<int>());
        var headers = Response(result)["headers"]!;
        Assert.StartsWith("text/html", headers["Content-Type"]!.GetValue<string>(), StringComparison.Ordinal);
        var csp = headers["Content-Security-Policy"]!.GetValue<string>();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("no-store", headers["Cache-Control"]!.GetValue<string>());
        var row = Assert.Single(await audit.ReadDayAsync(Today, 10, CancellationToken.None));
        Assert.Equal(("GET Inbox", "200"), (row.GetString("Action"), row.GetString("Outcome")));
    }

    [Fact]
    public async Task An_anonymous_caller_gets_401_for_the_inbox_page()
    {
        var function = new InboxFunction(Services().Services, new InboxPage(Assets));

        var result = await function.InvokeAsync(Request("Inbox", "http://127.0.0.1:7071/api/inbox", null), CancellationToken.None);

        Assert.Equal(401, Response(result)["statusCode"]!.GetValue<int>());
    }

    [Fact]
    public void The_page_has_no_inline_script_or_style_and_takes_its_versioned_assets_from_the_dashboards_asset_route()
    {
        var html = new InboxPage(Assets).Render("http://example.test/api/inbox?alertId=a1");

        Assert.DoesNotMatch(@"<script(?![^>]*\ssrc=)[^>]*>", html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"\son[a-z]+=", html);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
        Assert.Contains("data-api-base=\"/api/\"", html, StringComparison.Ordinal);
        foreach (var name in new[] { "inbox.js", "inbox.css", "dashboard.css" })
        {
            Assert.Contains($"/api/dashboard/assets/{name}?v={Assets.Get(name).Version}", html, StringComparison.Ordinal);
        }

        Assert.Contains("href=\"/api/dashboard\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"dev-role\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_follows_a_different_route_prefix()
    {
        var html = new InboxPage(Assets).Render("https://cx.example.test/x/inbox");

        Assert.Contains("data-api-base=\"/x/\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/x/dashboard/assets/inbox.js?v=", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inbox.js", "text/javascript")]
    [InlineData("inbox.css", "text/css")]
    public async Task The_inbox_script_and_style_are_served_by_the_dashboard_asset_function(string name, string contentType)
    {
        var function = new DashboardAssetFunction(Services().Services, Assets);
        var request = Request(
            "DashboardAsset", $"http://127.0.0.1:7071/api/dashboard/assets/{name}", null, new JsonObject { ["name"] = name });

        var result = await function.InvokeAsync(request, CancellationToken.None);

        Assert.Equal(200, Response(result)["statusCode"]!.GetValue<int>());
        Assert.StartsWith(contentType, Response(result)["headers"]!["Content-Type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(Assets.Get(name).Text, Response(result)["body"]!.GetValue<string>());
        Assert.NotEmpty(Assets.Get(name).Text);
    }

    [Fact]
    public async Task The_inbox_page_template_itself_is_not_an_asset()
    {
        var function = new DashboardAssetFunction(Services().Services, Assets);
        var request = Request("DashboardAsset", "http://127.0.0.1:7071/api/dashboard/assets/inbox.html", null,
            new JsonObject { ["name"] = "inbox.html" });

        var result = await function.InvokeAsync(request, CancellationToken.None);

        Assert.Equal(404, Response(result)["statusCode"]!.GetValue<int>());
    }
}
