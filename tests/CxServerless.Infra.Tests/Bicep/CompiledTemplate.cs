using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CxServerless.Infra.Tests.Bicep;

/// <summary>
/// The ARM JSON that <c>bicep build</c> makes of a template, with its nested (module) deployments flattened, and the
/// Function App's app settings with each value expanded through module parameters and outputs to its source
/// expression, so that a test can see where a value really comes from.
/// </summary>
internal sealed partial class CompiledTemplate
{
    private const int MaxExpansionDepth = 8;
    private readonly Dictionary<string, JsonObject> _deployments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _parents = new(StringComparer.Ordinal);
    private readonly List<TemplateResource> _resources = [];

    public CompiledTemplate(JsonObject root)
    {
        Root = root;
        Collect(root, null, "main");
    }

    /// <summary>The template as compiled.</summary>
    public JsonObject Root { get; }

    /// <summary>Every resource in the template and its modules, with the module it sits in.</summary>
    public IReadOnlyList<TemplateResource> Resources => _resources;

    /// <summary>Builds <paramref name="bicepFile"/> (relative to <c>infra/</c>) with the real bicep CLI.</summary>
    public static async Task<CompiledTemplate> BuildAsync(string bicepFile)
    {
        var result = await BicepCli.RunAsync(RepositoryPaths.Infra, null, "build", bicepFile, "--stdout");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build {bicepFile} failed: {result.Transcript}");
        }

        return new CompiledTemplate(JsonNode.Parse(result.StandardOutput)!.AsObject());
    }

    /// <summary>The Function App's app settings: name to expanded value expression (or literal).</summary>
    public IReadOnlyDictionary<string, string> AppSettings()
    {
        var configs = Resources.Where(r => r.Type == "Microsoft.Web/sites/config" && r.Name.Contains("'appsettings'", StringComparison.Ordinal)).ToList();
        if (configs.Count != 1)
        {
            throw new InvalidOperationException($"Expected one Microsoft.Web/sites/config 'appsettings' resource; found {configs.Count}.");
        }

        var config = configs[0];
        var properties = config.Resource["properties"]!.AsObject();
        return properties.ToDictionary(p => p.Key, p => Expand(p.Value?.ToString() ?? string.Empty, config.Deployment, 0), StringComparer.Ordinal);
    }

    /// <summary>Expands <c>parameters('x')</c> to the value the parent passed, and module outputs to their expressions.</summary>
    public string Expand(string expression, string deployment, int depth)
    {
        if (depth > MaxExpansionDepth)
        {
            return expression;
        }

        var expanded = ParameterReference().Replace(expression, match =>
            ParameterValue(deployment, match.Groups["name"].Value) is { } value
                ? Expand(Unbracket(value), ParentOf(deployment), depth + 1)
                : match.Value);
        return ModuleOutputReference().Replace(expanded, match =>
            OutputValue(match.Groups["module"].Value, match.Groups["output"].Value) is { } value
                ? Expand(Unbracket(value), match.Groups["module"].Value, depth + 1)
                : match.Value);
    }

    private string ParentOf(string deployment) => _parents.GetValueOrDefault(deployment) ?? "main";

    private string? ParameterValue(string deployment, string name)
    {
        if (deployment == "main" || !_deployments.TryGetValue(deployment, out var resource))
        {
            return null;
        }

        return resource["properties"]?["parameters"]?[name]?["value"] switch
        {
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            JsonNode node => node.ToJsonString(),
            null => null,
        };
    }

    private string? OutputValue(string module, string output) =>
        _deployments.TryGetValue(module, out var resource)
            ? resource["properties"]?["template"]?["outputs"]?[output]?["value"]?.ToString()
            : null;

    private static string Unbracket(string value) =>
        value.StartsWith('[') && value.EndsWith(']') && !value.StartsWith("[[", StringComparison.Ordinal) ? value[1..^1] : value;

    private void Collect(JsonObject template, JsonObject? deploymentResource, string deploymentName)
    {
        if (deploymentResource is not null)
        {
            _deployments[deploymentName] = deploymentResource;
        }

        foreach (var resource in EnumerateResources(template))
        {
            var type = resource["type"]?.ToString() ?? string.Empty;
            var name = resource["name"]?.ToString() ?? string.Empty;
            _resources.Add(new TemplateResource(type, name, deploymentName, resource));
            if (type == "Microsoft.Resources/deployments" && resource["properties"]?["template"] is JsonObject nested)
            {
                var nestedName = name.Trim('[', ']', '\'');
                _parents[nestedName] = deploymentName;
                Collect(nested, resource, nestedName);
            }
        }
    }

    private static IEnumerable<JsonObject> EnumerateResources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject map => map.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };

    [GeneratedRegex(@"parameters\('(?<name>[A-Za-z0-9_]+)'\)")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"reference\(resourceId\('Microsoft\.Resources/deployments', '(?<module>[A-Za-z0-9_-]+)'\), '[0-9a-z-]+'\)\.outputs\.(?<output>[A-Za-z0-9_]+)\.value")]
    private static partial Regex ModuleOutputReference();
}
