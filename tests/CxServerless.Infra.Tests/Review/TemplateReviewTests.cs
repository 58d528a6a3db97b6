using System.Text.Json.Nodes;
using CxServerless.Infra.Tests.Bicep;

namespace CxServerless.Infra.Tests.Review;

/// <summary>What a reviewer checks in the compiled template: documented parameters and outputs, and secure defaults.</summary>
public sealed class TemplateReviewTests(CompiledMainTemplate main) : IClassFixture<CompiledMainTemplate>
{
    [Fact]
    public async Task Every_parameter_and_output_of_every_module_has_a_description()
    {
        var template = await main.GetAsync();
        var templates = new List<(string Name, JsonObject Json)> { ("main", template.Root) };
        templates.AddRange(template.Resources
            .Where(r => r.Type == "Microsoft.Resources/deployments")
            .Select(r => (r.Name, r.Resource["properties"]!["template"]!.AsObject())));

        var undocumented = templates.SelectMany(t =>
            new[] { "parameters", "outputs" }.SelectMany(kind =>
                (t.Json[kind] as JsonObject ?? []).Where(p => string.IsNullOrWhiteSpace(p.Value?["metadata"]?["description"]?.ToString()))
                    .Select(p => $"{t.Name}: {kind}.{p.Key}")))
            .ToList();

        Assert.True(templates.Count > 5, "expected main and its modules");
        Assert.True(undocumented.Count == 0, "Add @description to: " + string.Join(", ", undocumented));
    }

    [Theory]
    [InlineData("Microsoft.Storage/storageAccounts", "allowSharedKeyAccess", "false")]
    [InlineData("Microsoft.Storage/storageAccounts", "allowBlobPublicAccess", "false")]
    [InlineData("Microsoft.Storage/storageAccounts", "minimumTlsVersion", "TLS1_2")]
    [InlineData("Microsoft.Storage/storageAccounts", "supportsHttpsTrafficOnly", "true")]
    [InlineData("Microsoft.EventHub/namespaces", "disableLocalAuth", "true")]
    [InlineData("Microsoft.EventHub/namespaces", "minimumTlsVersion", "1.2")]
    [InlineData("Microsoft.Insights/components", "DisableLocalAuth", "true")]
    [InlineData("Microsoft.CognitiveServices/accounts", "disableLocalAuth", "true")]
    [InlineData("Microsoft.KeyVault/vaults", "enableRbacAuthorization", "true")]
    [InlineData("Microsoft.KeyVault/vaults", "enableSoftDelete", "true")]
    [InlineData("Microsoft.Web/sites", "httpsOnly", "true")]
    public async Task Resources_have_secure_defaults(string type, string property, string expected)
    {
        var resources = (await main.GetAsync()).Resources.Where(r => r.Type == type).ToList();

        Assert.NotEmpty(resources);
        Assert.All(resources, r => Assert.Equal(expected, r.Resource["properties"]![property]?.ToString(), ignoreCase: true));
    }

    [Fact]
    public async Task Function_app_runs_the_custom_runtime_on_flex_consumption_from_identity_authenticated_storage()
    {
        var resources = (await main.GetAsync()).Resources;
        var plan = Assert.Single(resources, r => r.Type == "Microsoft.Web/serverfarms").Resource;
        var site = Assert.Single(resources, r => r.Type == "Microsoft.Web/sites").Resource;
        var config = site["properties"]!["functionAppConfig"]!;

        Assert.Equal("FC1", plan["sku"]!["name"]!.ToString());
        Assert.Equal("FlexConsumption", plan["sku"]!["tier"]!.ToString());
        Assert.Equal("SystemAssigned", site["identity"]!["type"]!.ToString());
        Assert.Equal("custom", config["runtime"]!["name"]!.ToString());
        Assert.Equal("SystemAssignedIdentity", config["deployment"]!["storage"]!["authentication"]!["type"]!.ToString());
        Assert.Contains("alwaysReady", config["scaleAndConcurrency"]!["alwaysReady"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("maximumInstanceCount", config["scaleAndConcurrency"]!["maximumInstanceCount"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Role_assignments_use_built_in_role_ids_on_single_resources()
    {
        var assignments = (await main.GetAsync()).Resources.Where(r => r.Type == "Microsoft.Authorization/roleAssignments").ToList();

        Assert.Equal(8, assignments.Count);
        Assert.All(assignments, a =>
        {
            Assert.Contains("subscriptionResourceId('Microsoft.Authorization/roleDefinitions'", a.Resource["properties"]!["roleDefinitionId"]!.ToString(), StringComparison.Ordinal);
            Assert.Equal("ServicePrincipal", a.Resource["properties"]!["principalType"]!.ToString());
            var scope = a.Resource["scope"]?.ToString() ?? string.Empty;
            Assert.DoesNotContain("resourceGroup()", scope, StringComparison.Ordinal);
            Assert.Contains("resourceId(", scope, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Http_apis_require_entra_authentication()
    {
        var auth = Assert.Single((await main.GetAsync()).Resources,
            r => r.Type == "Microsoft.Web/sites/config" && r.Name.Contains("'authsettingsV2'", StringComparison.Ordinal)).Resource["properties"]!;

        Assert.Equal("true", auth["platform"]!["enabled"]!.ToString(), ignoreCase: true);
        Assert.Equal("true", auth["globalValidation"]!["requireAuthentication"]!.ToString(), ignoreCase: true);
        Assert.Equal("true", auth["identityProviders"]!["azureActiveDirectory"]!["enabled"]!.ToString(), ignoreCase: true);
        Assert.Equal("false", auth["login"]!["tokenStore"]!["enabled"]!.ToString(), ignoreCase: true);
    }
}
