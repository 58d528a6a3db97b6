using CxServerless.Functions.Tests.Ingestion;
using CxServerless.Testing;

namespace CxServerless.Functions.Tests.Analytics;

/// <summary>The handler validates the alert rules file at start-up and refuses to start on an invalid one, listing the errors.</summary>
[Collection(AzuriteTests.Name)]
public sealed class RulesStartupTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _appRoot = Directory.CreateTempSubdirectory("cx-rules-start-").FullName;

    public void Dispose() => Directory.Delete(_appRoot, recursive: true);

    [Theory]
    [InlineData("""{ "version": "bad-1", "rules": [ { "id": "x", "kpi": "NoSuchKpi", "slices": ["all"], "detectors": [ { "type": "static", "upper": 1 } ] } ] }""", "NoSuchKpi")]
    [InlineData("""{ "rules": [ ] }""", "version")]
    [InlineData("not json at all", "JSON")]
    public async Task An_invalid_rules_file_stops_the_handler_with_its_errors(string rules, string expected)
    {
        File.WriteAllText(Path.Combine(_appRoot, "host.json"), """{"version":"2.0"}""");
        var functions = Path.Combine(AzuriteFixture.RepositoryRoot(), "functions");
        foreach (var folder in Directory.EnumerateDirectories(functions).Where(d => File.Exists(Path.Combine(d, "function.json"))))
        {
            var target = Directory.CreateDirectory(Path.Combine(_appRoot, Path.GetFileName(folder)));
            File.Copy(Path.Combine(folder, "function.json"), Path.Combine(target.FullName, "function.json"));
        }

        Directory.CreateDirectory(Path.Combine(_appRoot, "rules"));
        File.WriteAllText(Path.Combine(_appRoot, "rules", "broken.json"), rules);
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["CxPseudonymKey"] = "functions-tests-pseudonym-key-0123456789",
            ["CxRulesFile"] = "rules/broken.json",
        };

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => HandlerProcess.StartAsync(_appRoot, settings));
        Assert.Contains("exited with code", ex.Message, StringComparison.Ordinal);
        Assert.Contains("broken.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.OrdinalIgnoreCase);
    }
}
