using CxServerless.Functions.Security;
using CxServerless.Functions.Tests.Ingestion;
using CxServerless.Testing;

namespace CxServerless.Functions.Tests.Security;

/// <summary>
/// In Azure the handler starts only behind App Service Authentication and with development identities off, and says
/// why when it refuses; locally neither is required.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class AzureStartupTests(AzuriteFixture azurite) : IDisposable
{
    private const string GoodKey = "a-secret-of-more-than-thirty-two-bytes-0123456789";

    private readonly string _appRoot = Directory.CreateTempSubdirectory("cx-azure-start-").FullName;

    public void Dispose() => Directory.Delete(_appRoot, recursive: true);

    [Theory]
    [InlineData(false, false, false, null)]
    [InlineData(false, false, true, null)]
    [InlineData(true, true, false, null)]
    [InlineData(true, false, false, "App Service Authentication is off (WEBSITE_AUTH_ENABLED is not True)")]
    [InlineData(true, true, true, "Setting 'CxDevelopmentIdentities' is true in Azure")]
    public void The_rules_ask_for_authentication_and_no_development_identities_in_Azure_only(
        bool inAzure, bool authenticationEnabled, bool development, string? refusal)
    {
        var problems = SecurityOptionsValidation.Problems(
            new SecurityOptions { DevelopmentIdentities = development }, inAzure, authenticationEnabled);

        if (refusal is null)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.Contains(problems, p => p.Contains(refusal, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(null, null, "App Service Authentication is off")]
    [InlineData("False", null, "App Service Authentication is off")]
    [InlineData("True", "true", "Setting 'CxDevelopmentIdentities' is true in Azure")]
    public async Task In_Azure_the_real_handler_refuses_to_start_and_says_why(string? authEnabled, string? development, string reason)
    {
        CopyFunctionApp();
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["CxPseudonymKey"] = GoodKey,
            ["WEBSITE_SITE_NAME"] = "cx-test-app",
            ["WEBSITE_INSTANCE_ID"] = "0123456789abcdef",
        };
        if (authEnabled is not null)
        {
            settings["WEBSITE_AUTH_ENABLED"] = authEnabled;
        }

        if (development is not null)
        {
            settings["CxDevelopmentIdentities"] = development;
        }

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => HandlerProcess.StartAsync(_appRoot, settings));
        Assert.Contains("exited with code", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Azure_behind_App_Service_Authentication_the_real_handler_starts()
    {
        CopyFunctionApp();
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["CxPseudonymKey"] = GoodKey,
            ["WEBSITE_SITE_NAME"] = "cx-test-app",
            ["WEBSITE_AUTH_ENABLED"] = "True",
            ["Workflows__TaskHub"] = "t" + Guid.NewGuid().ToString("N")[..16],
            ["Workflows__PartitionCount"] = "1",
        };

        using var handler = await HandlerProcess.StartAsync(_appRoot, settings);
        using var client = handler.Client();
        using var ready = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.True(ready.IsSuccessStatusCode);
    }

    private void CopyFunctionApp()
    {
        var product = Path.Combine(AzuriteFixture.RepositoryRoot(), "functions");
        File.Copy(Path.Combine(product, "host.json"), Path.Combine(_appRoot, "host.json"), overwrite: true);
        foreach (var folder in Directory.EnumerateDirectories(product).Where(d => File.Exists(Path.Combine(d, "function.json"))))
        {
            var target = Directory.CreateDirectory(Path.Combine(_appRoot, Path.GetFileName(folder)));
            File.Copy(Path.Combine(folder, "function.json"), Path.Combine(target.FullName, "function.json"), overwrite: true);
        }

        Directory.CreateDirectory(Path.Combine(_appRoot, "rules"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(product, "rules")))
        {
            File.Copy(file, Path.Combine(_appRoot, "rules", Path.GetFileName(file)), overwrite: true);
        }
    }
}
