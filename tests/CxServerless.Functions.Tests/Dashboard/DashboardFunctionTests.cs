using System.Text.Json.Nodes;
using CxServerless.Domain.Access;
using CxServerless.Functions.Audit;
using CxServerless.Functions.Dashboard;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using CxServerless.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CxServerless.Functions.Tests.Dashboard;

/// <summary>The dashboard page and its static files, invoked directly with the custom-handler envelope.</summary>
[Collection(AzuriteTests.Name)]
public sealed class DashboardFunctionTests(AzuriteFixture azurite)
{
    private static readonly DashboardAssets Assets = new();
    private static readonly DateOnly Today = new(2026, 11, 23);

    private (HttpFunctionServices Services, AuditLog Audit) Services()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(Today, new TimeOnly(9, 0), TimeSpan.Zero));
        var audit = new AuditLog(azurite.Tables.GetTableClient(AzuriteFixture.UniqueName("audit")), time);
        return (new HttpFunctionServices(Options.Create(new SecurityOptions()), audit, NullLogger<HttpFunction>.Instance), audit);
    }

    private static InvocationRequest Request(string function, string url, string? role, JsonObject? parameters = null, JsonObject? query = null, string? ifNoneMatch = null)
    {
        var headers = new JsonObject();
        if (role is not null)
        {
            headers[ClientPrincipalReader.HeaderName] = new JsonArray(ClientPrincipalReader.Encode("aad", $"user-{role}", [role]));
        }

        if (ifNoneMatch is not null)
        {
            headers["If-None-Match"] = new JsonArray(ifNoneMatch);
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

    private static int Status(InvocationResult result) => Response(result)["statusCode"]!.GetValue<int>();

    private static string Header(InvocationResult result, string name) => Response(result)["headers"]![name]!.GetValue<string>();

    private static string Body(InvocationResult result) => Response(result)["body"]!.GetValue<string>();

    private async Task<InvocationResult> AssetAsync(string? name, string? version = null, string? ifNoneMatch = null)
    {
        var function = new DashboardAssetFunction(Services().Services, Assets);
        var parameters = name is null ? new JsonObject() : new JsonObject { ["name"] = name };
        var query = version is null ? new JsonObject() : new JsonObject { ["v"] = version };
        return await function.InvokeAsync(Request("DashboardAsset", $"http://127.0.0.1:7071/api/dashboard/assets/{name}", null, parameters, query, ifNoneMatch), CancellationToken.None);
    }

    [Theory]
    [InlineData(CxRoles.Agent)]
    [InlineData(CxRoles.TeamLead)]
    [InlineData(CxRoles.Supervisor)]
    [InlineData(CxRoles.OpsAdmin)]
    [InlineData(CxRoles.Auditor)]
    public async Task Every_role_gets_the_page_with_a_strict_content_security_policy(string role)
    {
        var function = new DashboardFunction(Services().Services, new DashboardPage(Assets));

        var result = await function.InvokeAsync(Request("Dashboard", "http://127.0.0.1:7071/api/dashboard", role), CancellationToken.None);

        Assert.Equal(200, Status(result));
        Assert.StartsWith("text/html", Header(result, "Content-Type"), StringComparison.Ordinal);
        var csp = Header(result, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("no-store", Header(result, "Cache-Control"));
    }

    [Fact]
    public async Task An_anonymous_caller_gets_401_for_the_page()
    {
        var function = new DashboardFunction(Services().Services, new DashboardPage(Assets));

        var result = await function.InvokeAsync(Request("Dashboard", "http://127.0.0.1:7071/api/dashboard", null), CancellationToken.None);

        Assert.Equal(401, Status(result));
    }

    [Fact]
    public async Task Every_view_of_the_page_is_audited()
    {
        var (services, audit) = Services();
        var function = new DashboardFunction(services, new DashboardPage(Assets));

        await function.InvokeAsync(Request("Dashboard", "http://127.0.0.1:7071/api/dashboard", CxRoles.Agent), CancellationToken.None);

        var rows = await audit.ReadDayAsync(Today, 10, CancellationToken.None);
        var row = Assert.Single(rows);
        Assert.Equal("user-Agent", row.GetString("Actor"));
        Assert.Equal("GET Dashboard", row.GetString("Action"));
        Assert.Equal("200", row.GetString("Outcome"));
    }

    [Fact]
    public void The_page_has_no_inline_script_or_style_and_links_versioned_assets_under_its_own_path()
    {
        var html = new DashboardPage(Assets).Render("http://example.test/api/dashboard/");

        Assert.DoesNotMatch(@"<script(?![^>]*\ssrc=)[^>]*>", html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"\son[a-z]+=", html);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
        Assert.Contains("data-api-base=\"/api/\"", html, StringComparison.Ordinal);
        // The dashboard's own files; the asset function also serves the task inbox's (inbox.js, inbox.css).
        foreach (var asset in new[] { "dashboard.js", "dashboard.css", "uPlot.iife.min.js", "uPlot.min.css" }.Select(Assets.Get))
        {
            Assert.Contains($"/api/dashboard/assets/{asset.Name}?v={asset.Version}", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("inbox.js", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_follows_a_different_route_prefix()
    {
        var html = new DashboardPage(Assets).Render("https://cx.example.test/x/dashboard?slice=all");

        Assert.Contains("data-api-base=\"/x/\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/x/dashboard/assets/dashboard.js?v=", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dashboard.js", "text/javascript")]
    [InlineData("dashboard.css", "text/css")]
    [InlineData("uPlot.iife.min.js", "text/javascript")]
    [InlineData("uPlot.min.css", "text/css")]
    public async Task Each_asset_is_served_anonymously_with_its_type_and_etag(string name, string contentType)
    {
        var asset = Assets.Get(name);

        var result = await AssetAsync(name, asset.Version);

        Assert.Equal(200, Status(result));
        Assert.StartsWith(contentType, Header(result, "Content-Type"), StringComparison.Ordinal);
        Assert.Equal(asset.ETag, Header(result, "ETag"));
        Assert.Equal(DashboardAssetFunction.ImmutableCaching, Header(result, "Cache-Control"));
        Assert.Equal(asset.Text, Body(result));
        Assert.NotEmpty(asset.Text);
    }

    [Fact]
    public async Task The_embedded_chart_library_is_the_pinned_uplot_release()
    {
        var result = await AssetAsync("uPlot.iife.min.js");

        Assert.StartsWith("/*! https://github.com/leeoniya/uPlot (v1.6.32) */", Body(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_asset_url_without_the_current_version_must_be_revalidated()
    {
        var result = await AssetAsync("dashboard.js", "stale");

        Assert.Equal(200, Status(result));
        Assert.Equal(DashboardAssetFunction.RevalidateCaching, Header(result, "Cache-Control"));
    }

    [Fact]
    public async Task A_matching_if_none_match_gets_304_without_a_body()
    {
        var asset = Assets.Get("dashboard.css");

        var result = await AssetAsync("dashboard.css", asset.Version, $"W/\"nope\", {asset.ETag}");

        Assert.Equal(304, Status(result));
        Assert.Equal(string.Empty, Body(result));
        Assert.Equal(asset.ETag, Header(result, "ETag"));
    }

    [Theory]
    [InlineData("nothing.js")]
    [InlineData("dashboard.html")]
    [InlineData("../appsettings.json")]
    [InlineData("..%2Fappsettings.json")]
    [InlineData("/etc/passwd")]
    [InlineData("DASHBOARD.JS")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Unknown_names_and_paths_are_404(string? name)
    {
        var result = await AssetAsync(name);

        Assert.Equal(404, Status(result));
        Assert.DoesNotContain("root:", Body(result), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "\"a\"", false)]
    [InlineData("\"a\"", "\"a\"", true)]
    [InlineData("W/\"a\"", "\"a\"", true)]
    [InlineData("\"b\", \"a\"", "\"a\"", true)]
    [InlineData("*", "\"a\"", true)]
    [InlineData("\"b\"", "\"a\"", false)]
    [InlineData("a", "\"a\"", false)]
    public void If_none_match_compares_entity_tags_weakly(string? header, string etag, bool expected)
    {
        Assert.Equal(expected, EntityTags.Matches(header, etag));
    }
}
