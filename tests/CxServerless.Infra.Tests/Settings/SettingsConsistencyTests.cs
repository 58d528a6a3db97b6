using System.Text.Json.Nodes;
using CxServerless.Functions.Configuration;
using CxServerless.Infra.Tests.Bicep;

namespace CxServerless.Infra.Tests.Settings;

/// <summary>
/// Every setting named in a function.json or read by the handler is in the catalog, in the Bicep app settings and in
/// local.settings.sample.json (as its scope says), and nothing in those two files is unused.
/// </summary>
public sealed class SettingsConsistencyTests(CompiledMainTemplate main) : IClassFixture<CompiledMainTemplate>
{
    [Fact]
    public async Task Settings_agree_across_function_json_handler_code_bicep_and_local_sample()
    {
        var bicep = (await main.GetAsync()).AppSettings().Keys.ToList();

        var problems = SettingsConsistency.Check(
            HandlerSettings.All,
            FunctionJsonSettings.Read(RepositoryPaths.FunctionApp),
            HandlerSourceScanner.Scan(RepositoryPaths.HandlerSourceFolders),
            bicep,
            LocalSettings());

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Scanner_sees_the_settings_the_handler_reads_today()
    {
        var reads = HandlerSourceScanner.Scan(RepositoryPaths.HandlerSourceFolders).Select(r => r.Name).ToHashSet();

        Assert.Contains(HandlerSettings.Storage, reads);
        Assert.Contains(HandlerSettings.DevelopmentIdentities, reads);
        Assert.Contains(HandlerSettings.CustomHandlerPort, reads);
    }

    [Fact]
    public void Catalog_names_are_unique_and_documented()
    {
        Assert.Equal(HandlerSettings.All.Count, HandlerSettings.All.Select(s => s.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(HandlerSettings.All, s => Assert.False(string.IsNullOrWhiteSpace(s.Description), s.Name));
    }

    [Fact]
    public void A_setting_missing_from_bicep_is_reported()
    {
        var problems = Check([Setting("CxFoo")], bicep: [], local: ["CxFoo"]);

        Assert.Contains(problems, p => p.Contains("'CxFoo' is missing from the Bicep app settings", StringComparison.Ordinal));
    }

    [Fact]
    public void A_setting_missing_from_the_local_sample_is_reported()
    {
        var problems = Check([Setting("CxFoo")], bicep: ["CxFoo"], local: []);

        Assert.Contains(problems, p => p.Contains("'CxFoo' is missing from local.settings.sample.json", StringComparison.Ordinal));
    }

    [Fact]
    public void A_function_json_setting_outside_the_catalog_is_reported()
    {
        var references = FunctionJsonSettings.Read(
            JsonNode.Parse("""{"bindings":[{"type":"eventHubTrigger","eventHubName":"%CxOtherHub%","connection":"OtherConnection"}]}""")!,
            "Ingest/function.json").ToList();

        var problems = SettingsConsistency.Check([], references, [], [], []);

        Assert.Contains(problems, p => p.Contains("Ingest/function.json refers to setting 'CxOtherHub'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Ingest/function.json refers to setting 'OtherConnection'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_handler_read_outside_the_catalog_is_reported()
    {
        var reads = new[] { new SettingReference("CxUnlisted", IsConnection: false, "X.cs:3") };

        var problems = SettingsConsistency.Check([], [], reads, [], []);

        Assert.Contains(problems, p => p.Contains("X.cs:3 reads setting 'CxUnlisted'", StringComparison.Ordinal));
    }

    [Fact]
    public void Unused_settings_in_bicep_or_the_local_sample_are_reported()
    {
        var problems = Check([], bicep: ["CxLeftOver"], local: ["CxStale"]);

        Assert.Contains(problems, p => p.Contains("Bicep app setting 'CxLeftOver' is read by nothing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("setting 'CxStale' is read by nothing", StringComparison.Ordinal));
    }

    [Fact]
    public void A_local_only_setting_in_bicep_and_a_flex_deprecated_setting_are_reported()
    {
        var catalog = new[]
        {
            new HandlerSetting("CxDevelopmentIdentities", SettingShape.Value, SettingScope.LocalOnly, "dev"),
            new HandlerSetting("FUNCTIONS_WORKER_RUNTIME", SettingShape.Value, SettingScope.AzureOnly, "wrongly scoped"),
        };

        var problems = Check(catalog, bicep: ["CxDevelopmentIdentities", "FUNCTIONS_WORKER_RUNTIME"], local: ["CxDevelopmentIdentities"]);

        Assert.Contains(problems, p => p.Contains("'CxDevelopmentIdentities' is local-only", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'FUNCTIONS_WORKER_RUNTIME' is not supported on Flex Consumption", StringComparison.Ordinal));
    }

    [Fact]
    public void A_connection_is_satisfied_by_identity_based_settings_in_azure_and_a_connection_string_locally()
    {
        var catalog = new[] { new HandlerSetting("EventHubConnection", SettingShape.Connection, SettingScope.Everywhere, "hub") };

        var problems = Check(catalog, bicep: ["EventHubConnection__fullyQualifiedNamespace", "EventHubConnection__credential"], local: ["EventHubConnection"]);

        Assert.Empty(problems);
    }

    [Fact]
    public void Storage_bindings_without_a_connection_use_AzureWebJobsStorage()
    {
        var references = FunctionJsonSettings.Read(
            JsonNode.Parse("""{"bindings":[{"type":"queueTrigger","queueName":"workflow-activities","name":"msg"}]}""")!,
            "WorkflowActivity/function.json");

        var reference = Assert.Single(references);
        Assert.Equal("AzureWebJobsStorage", reference.Name);
        Assert.True(reference.IsConnection);
    }

    private static IReadOnlyList<string> Check(IReadOnlyList<HandlerSetting> catalog, string[] bicep, string[] local) =>
        SettingsConsistency.Check(catalog, [], [], bicep, local);

    private static HandlerSetting Setting(string name) => new(name, SettingShape.Value, SettingScope.Everywhere, "test");

    private static List<string> LocalSettings()
    {
        var json = JsonNode.Parse(
            File.ReadAllText(RepositoryPaths.LocalSettingsSample),
            documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        return json["Values"]!.AsObject().Select(p => p.Key).ToList();
    }
}
