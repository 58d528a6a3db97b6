using System.Text.Json.Nodes;

namespace CxHost.Configuration;

/// <summary>One entry of a function.json <c>bindings</c> array, with <c>%Setting%</c> references already resolved.</summary>
/// <param name="Type">The binding type, e.g. <c>queueTrigger</c>, <c>http</c>.</param>
/// <param name="Name">The binding name (the key in <c>Data</c> or <c>Outputs</c>).</param>
/// <param name="Direction"><c>in</c>, <c>out</c> or <c>inout</c>.</param>
/// <param name="Properties">Every property of the binding, resolved.</param>
public sealed record BindingDefinition(string Type, string Name, string Direction, JsonObject Properties)
{
    /// <summary>True for a trigger binding.</summary>
    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for an output binding.</summary>
    public bool IsOutput =>
        Direction.Equals("out", StringComparison.OrdinalIgnoreCase) || Direction.Equals("inout", StringComparison.OrdinalIgnoreCase);

    /// <summary>A string property, or null.</summary>
    public string? Get(string name) =>
        Properties.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.ToString();

    /// <summary>A boolean property, or <paramref name="fallback"/>.</summary>
    public bool GetBoolean(string name, bool fallback = false) =>
        bool.TryParse(Get(name), out var value) ? value : fallback;

    /// <summary>True when the binding says <c>"dataType": "binary"</c>.</summary>
    public bool IsBinary => string.Equals(Get("dataType"), "binary", StringComparison.OrdinalIgnoreCase);
}
