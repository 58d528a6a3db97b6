using CxServerless.Testing;

namespace CxServerless.Functions.Tests.Ingestion;

/// <summary>The handler refuses to start without a usable pseudonym key, and says which setting is wrong.</summary>
[Collection(AzuriteTests.Name)]
public sealed class StartupValidationTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _appRoot = Directory.CreateTempSubdirectory("cx-start-").FullName;

    public void Dispose() => Directory.Delete(_appRoot, recursive: true);

    [Theory]
    [InlineData(null, false)]
    [InlineData("too-short-key", false)]
    [InlineData("local-development-only-pseudonym-key-not-a-secret", true)]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/cx-pseudonym-key/)", true)]
    public async Task Without_a_usable_CxPseudonymKey_the_handler_stops_naming_the_setting(string? key, bool inAzure)
    {
        File.WriteAllText(Path.Combine(_appRoot, "host.json"), """{"version":"2.0"}""");
        Directory.CreateDirectory(Path.Combine(_appRoot, "IngestCxEvents"));
        File.Copy(
            Path.Combine(AzuriteFixture.RepositoryRoot(), "functions", "IngestCxEvents", "function.json"),
            Path.Combine(_appRoot, "IngestCxEvents", "function.json"));
        var settings = new Dictionary<string, string> { ["AzureWebJobsStorage"] = azurite.ConnectionString };
        if (key is not null)
        {
            settings["CxPseudonymKey"] = key;
        }

        if (inAzure)
        {
            settings["WEBSITE_SITE_NAME"] = "cx-test-app";
            settings["WEBSITE_AUTH_ENABLED"] = "True"; // else the missing App Service Authentication is refused first
        }

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => HandlerProcess.StartAsync(_appRoot, settings));
        Assert.Contains("exited with code", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CxPseudonymKey", ex.Message, StringComparison.Ordinal);
    }
}
