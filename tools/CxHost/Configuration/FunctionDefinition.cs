using System.Text.Json.Nodes;

namespace CxHost.Configuration;

/// <summary>One function: its folder name, bindings and retry policy, read from <c>{folder}/function.json</c>.</summary>
public sealed record FunctionDefinition(string Name, IReadOnlyList<BindingDefinition> Bindings, RetryPolicy? Retry, bool Disabled)
{
    /// <summary>The trigger binding.</summary>
    public BindingDefinition Trigger => Bindings.Single(b => b.IsTrigger);

    /// <summary>The output bindings (including <c>$return</c>).</summary>
    public IEnumerable<BindingDefinition> Outputs => Bindings.Where(b => b.IsOutput);

    /// <summary>Parses function.json text, resolving <c>%Setting%</c> references in binding string properties.</summary>
    /// <exception cref="InvalidOperationException">The file is not valid, or has no or several triggers.</exception>
    public static FunctionDefinition Parse(string name, string json, AppSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var root = JsonNode.Parse(
                json, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })
            as JsonObject
            ?? throw new InvalidOperationException($"{name}/function.json is not a JSON object.");
        var bindings = (root["bindings"] as JsonArray
                ?? throw new InvalidOperationException($"{name}/function.json has no 'bindings' array."))
            .Select(b => ParseBinding(name, b as JsonObject, settings))
            .ToList();
        var triggers = bindings.Count(b => b.IsTrigger);
        if (triggers != 1)
        {
            throw new InvalidOperationException($"{name}/function.json must have exactly one trigger binding; it has {triggers}.");
        }

        return new FunctionDefinition(
            name, bindings, RetryPolicy.Parse(root["retry"] as JsonObject, name), IsDisabled(root["disabled"], settings));
    }

    /// <summary><c>"disabled"</c> is a boolean, or the name of a setting that holds one (as in the host).</summary>
    private static bool IsDisabled(JsonNode? disabled, AppSettings settings)
    {
        var text = disabled?.ToString();
        return text is not null && bool.TryParse(settings.Get(text) ?? text, out var value) && value;
    }

    private static BindingDefinition ParseBinding(string function, JsonObject? binding, AppSettings settings)
    {
        if (binding is null)
        {
            throw new InvalidOperationException($"{function}/function.json has a binding that is not an object.");
        }

        var resolved = new JsonObject();
        foreach (var (key, value) in binding)
        {
            resolved[key] = value?.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? settings.Resolve(value.GetValue<string>())
                : value?.DeepClone();
        }

        var type = resolved["type"]?.ToString()
            ?? throw new InvalidOperationException($"{function}/function.json has a binding without 'type'.");
        var name = resolved["name"]?.ToString()
            ?? throw new InvalidOperationException($"{function}/function.json has a '{type}' binding without 'name'.");
        return new BindingDefinition(type, name, resolved["direction"]?.ToString() ?? "in", resolved);
    }
}
