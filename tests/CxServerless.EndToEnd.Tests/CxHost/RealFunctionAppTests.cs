using System.Net;
using System.Text.Json.Nodes;
using CxHost.Configuration;
using CxHost.Hosting;
using CxServerless.Testing;
using Microsoft.Extensions.Logging;

namespace CxServerless.EndToEnd.Tests.CxHost;

/// <summary>cx-host on the product's own function app (functions/) with the real handler, as <c>./cx up</c> runs it.</summary>
[Collection(AzuriteTests.Name)]
public sealed class RealFunctionAppTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_real_app_answers_health_through_cx_host()
    {
        var root = AzuriteFixture.RepositoryRoot();
        var options = new CxHostOptions
        {
            AppRoot = Path.Combine(root, "functions"),
            Port = AzuriteFixture.FreePort(),
            HandlerOverride = HandlerAssembly(root),
            Storage = azurite.ConnectionString,
        };
        await using var host = new CxHostApplication(options, LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning)));
        await host.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await http.GetAsync("api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.IsType<JsonObject>(JsonNode.Parse(await response.Content.ReadAsStringAsync()));
        Assert.Contains(host.App!.Functions, f => f.Name == "Health");
    }

    [Fact]
    public async Task The_real_summary_answers_304_through_cx_host_when_nothing_changed()
    {
        var root = AzuriteFixture.RepositoryRoot();
        var tables = new[] { "CxMetricBucketsTable", "CxAlertsTable", "CxBaselinesTable", "CxLateEventsTable", "CxFirstContactsTable" }
            .ToDictionary(setting => setting, setting => AzuriteFixture.UniqueName(setting[2..]));
        var options = new CxHostOptions
        {
            AppRoot = Path.Combine(root, "functions"),
            Port = AzuriteFixture.FreePort(),
            HandlerOverride = HandlerAssembly(root),
            Storage = azurite.ConnectionString,
            DevelopmentRole = "Supervisor",
            ExtraSettings = new Dictionary<string, string>(tables) { ["CxDevelopmentIdentities"] = "true" },
        };
        try
        {
            await using var host = new CxHostApplication(options, LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning)));
            await host.StartAsync(CancellationToken.None);
            using var http = new HttpClient { BaseAddress = host.BaseAddress };

            using var first = await http.GetAsync("api/kpis/summary");
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var etag = first.Headers.ETag!.Tag;
            using var again = new HttpRequestMessage(HttpMethod.Get, "api/kpis/summary");
            again.Headers.TryAddWithoutValidation("If-None-Match", etag);
            using var unchanged = await http.SendAsync(again);

            Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
            Assert.Equal(etag, unchanged.Headers.ETag?.Tag);
            Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        }
        finally
        {
            foreach (var name in tables.Values)
            {
                await azurite.Tables.DeleteTableAsync(name);
            }
        }
    }

    [Fact]
    public async Task The_real_app_scores_sentiment_through_cx_host_with_the_local_scorer_and_refuses_an_agent()
    {
        var root = AzuriteFixture.RepositoryRoot();
        var options = new CxHostOptions
        {
            AppRoot = Path.Combine(root, "functions"),
            Port = AzuriteFixture.FreePort(),
            HandlerOverride = HandlerAssembly(root),
            Storage = azurite.ConnectionString,
            DevelopmentRole = "Supervisor",
            ExtraSettings = new Dictionary<string, string> { ["CxDevelopmentIdentities"] = "true" },
        };
        await using var host = new CxHostApplication(options, LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning)));
        await host.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        const string body =
            """{ "documents": [{ "id": "1", "text": "Great agent, sorted in minutes!" }, { "id": "2", "text": "Rude and slow." }] }""";

        using var scored = await http.PostAsync(
            "api/sentiment", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        using var asAgent = new HttpRequestMessage(HttpMethod.Post, "api/sentiment")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        asAgent.Headers.Add("Cookie", "cx-dev-role=Agent; cx-dev-team=billing");
        using var refused = await http.SendAsync(asAgent);

        Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
        var documents = JsonNode.Parse(await scored.Content.ReadAsStringAsync())!["documents"]!.AsArray();
        Assert.Equal(["positive", "negative"], documents.Select(d => d!["sentiment"]!.GetValue<string>()));
        Assert.All(documents, d => Assert.Equal("local-lexicon", d!["scorer"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    /// <summary>
    /// The handler as <c>./cx up</c> and <c>./cx test</c> publish it (functions/handler), framework-dependent; the build output of the
    /// same configuration when it has not been published, so the test also runs under a plain <c>dotnet test</c>.
    /// </summary>
    private static string HandlerAssembly(string root)
    {
        var published = Path.Combine(root, "functions", "handler", "CxServerless.Functions.dll");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var built = Path.Combine(root, "functions", "CxServerless.Functions", "bin", configuration, "net10.0", "CxServerless.Functions.dll");
        return File.Exists(published) && File.GetLastWriteTimeUtc(published) >= File.GetLastWriteTimeUtc(built) ? published : built;
    }
}
