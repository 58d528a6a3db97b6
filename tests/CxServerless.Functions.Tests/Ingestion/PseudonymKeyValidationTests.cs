using System.Text.Json;
using CxServerless.Functions.Ingestion;
using CxServerless.Testing;
using Microsoft.Extensions.Configuration;

namespace CxServerless.Functions.Tests.Ingestion;

/// <summary>The pseudonym key checks at start-up: what Azure refuses, what every environment refuses, and why.</summary>
public sealed class PseudonymKeyValidationTests
{
    private const string GoodKey = "a-secret-of-more-than-thirty-two-bytes-0123456789";

    private static string? Problem(string? key, bool inAzure, string keyId = "k1") =>
        PseudonymKeyValidation.Problem(new IngestionOptions { PseudonymKey = key, PseudonymKeyId = keyId }, inAzure);

    [Theory]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/cx-pseudonym-key/)", "unresolved Key Vault reference")]
    [InlineData(PseudonymKeyValidation.SampleKey, "sample key of local.settings.sample.json")]
    [InlineData("short-key", "at least 32 bytes")]
    public void In_Azure_the_key_is_refused_with_its_reason(string key, string reason)
    {
        Assert.Contains(reason, Problem(key, inAzure: true), StringComparison.Ordinal);
        Assert.Contains("CxPseudonymKey", Problem(key, inAzure: true), StringComparison.Ordinal);
    }

    [Fact]
    public void Locally_the_sample_key_is_accepted_and_a_short_key_or_a_bad_key_id_is_not()
    {
        Assert.Null(Problem(PseudonymKeyValidation.SampleKey, inAzure: false));
        Assert.Null(Problem(GoodKey, inAzure: true, keyId: "k2"));
        Assert.Contains("at least 32 bytes", Problem("short-key", inAzure: false), StringComparison.Ordinal);
        Assert.Contains("CxPseudonymKeyId", Problem(GoodKey, inAzure: false, keyId: "K-2"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WEBSITE_INSTANCE_ID", true)]
    [InlineData("WEBSITE_SITE_NAME", true)]
    [InlineData("SOMETHING_ELSE", false)]
    public void Azure_is_recognised_by_the_platforms_variables(string variable, bool inAzure)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [variable] = "x" }).Build();
        Assert.Equal(inAzure, CxServerless.Functions.Configuration.AzurePlatform.IsAzure(configuration));
    }

    [Fact]
    public void The_refused_sample_key_is_the_one_local_settings_sample_json_ships()
    {
        var path = Path.Combine(AzuriteFixture.RepositoryRoot(), "local.settings.sample.json");
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip };
        using var sample = JsonDocument.Parse(File.ReadAllText(path), options);
        Assert.Equal(PseudonymKeyValidation.SampleKey, sample.RootElement.GetProperty("Values").GetProperty("CxPseudonymKey").GetString());
        Assert.Equal("k1", sample.RootElement.GetProperty("Values").GetProperty("CxPseudonymKeyId").GetString());
    }
}
