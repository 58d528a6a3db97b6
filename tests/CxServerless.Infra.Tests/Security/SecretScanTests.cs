using System.Text.Json.Nodes;
using CxServerless.Infra.Tests.Bicep;

namespace CxServerless.Infra.Tests.Security;

/// <summary>No connection string, key or SAS reaches an app setting, or appears anywhere in the compiled template.</summary>
public sealed class SecretScanTests(CompiledMainTemplate main) : IClassFixture<CompiledMainTemplate>
{
    [Fact]
    public async Task Compiled_template_has_no_list_functions_or_credential_literals()
    {
        var template = await main.GetAsync();

        Assert.Empty(SecretScanner.ScanTemplate(template.Root));
    }

    [Fact]
    public async Task App_settings_carry_no_connection_string_key_sas_or_secure_parameter()
    {
        var template = await main.GetAsync();

        Assert.Empty(SecretScanner.ScanAppSettings(template));
    }

    [Fact]
    public async Task Pseudonymisation_key_is_a_key_vault_reference_to_the_vault_secret()
    {
        var settings = (await main.GetAsync()).AppSettings();

        var value = settings["CxPseudonymKey"];
        Assert.True(SecretScanner.IsKeyVaultReference(value), value);
        Assert.Contains("Microsoft.KeyVault/vaults", value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connections_are_identity_based()
    {
        var settings = (await main.GetAsync()).AppSettings();

        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain("EventHubConnection", settings.Keys);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("managedidentity", settings["EventHubConnection__credential"]);
        Assert.Contains("serviceBusEndpoint", settings["EventHubConnection__fullyQualifiedNamespace"], StringComparison.Ordinal);
        Assert.Contains("primaryEndpoints.blob", settings["AzureWebJobsStorage__blobServiceUri"], StringComparison.Ordinal);
    }

    [Fact]
    public void Scanner_reports_listKeys_in_an_app_setting()
    {
        var template = Synthetic("[format('DefaultEndpointsProtocol=https;AccountName=x;AccountKey={0}', listKeys(resourceId('Microsoft.Storage/storageAccounts', 'x'), '2023-05-01').keys[0].value)]");

        var findings = SecretScanner.ScanAppSettings(template);

        Assert.Contains(findings, f => f.Contains("listKeys()", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("AccountKey=", StringComparison.Ordinal));
        Assert.NotEmpty(SecretScanner.ScanTemplate(template.Root));
    }

    [Fact]
    public void Scanner_reports_an_event_hubs_connection_string_literal()
    {
        var template = Synthetic("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=app;SharedAccessKey=abc");

        Assert.Contains(SecretScanner.ScanAppSettings(template), f => f.Contains("SharedAccessKey=", StringComparison.Ordinal));
    }

    [Fact]
    public void Scanner_reports_a_sas_token()
    {
        var template = Synthetic("https://x.blob.core.windows.net/c?sv=2022-11-02&ss=b&sig=abc%3D");

        Assert.Contains(SecretScanner.ScanAppSettings(template), f => f.Contains("SAS", StringComparison.Ordinal));
    }

    [Fact]
    public void Scanner_reports_a_secure_parameter_passed_into_an_app_setting_through_a_module()
    {
        var template = Synthetic("[parameters('secretValue')]", moduleParameterValue: "[parameters('pseudonymKey')]");

        var findings = SecretScanner.ScanAppSettings(template);

        Assert.Contains(findings, f => f.Contains("secure parameter 'pseudonymKey'", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("not a Key Vault reference", StringComparison.Ordinal));
    }

    /// <summary>A main template with a secure parameter and one module that sets app setting CxSecretKey.</summary>
    private static CompiledTemplate Synthetic(string settingValue, string moduleParameterValue = "unused")
    {
        var json = new JsonObject
        {
            ["parameters"] = new JsonObject { ["pseudonymKey"] = new JsonObject { ["type"] = "securestring" } },
            ["resources"] = new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "Microsoft.Resources/deployments",
                    ["name"] = "functionApp",
                    ["properties"] = new JsonObject
                    {
                        ["parameters"] = new JsonObject { ["secretValue"] = new JsonObject { ["value"] = moduleParameterValue } },
                        ["template"] = new JsonObject
                        {
                            ["resources"] = new JsonArray
                            {
                                new JsonObject
                                {
                                    ["type"] = "Microsoft.Web/sites/config",
                                    ["name"] = "[format('{0}/{1}', parameters('name'), 'appsettings')]",
                                    ["properties"] = new JsonObject { ["CxSecretKey"] = settingValue },
                                },
                            },
                        },
                    },
                },
            },
        };
        return new CompiledTemplate(json);
    }
}
