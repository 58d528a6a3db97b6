using CxHost.Configuration;

namespace CxHost.Http;

/// <summary>An HTTP-triggered function with its route template, methods and response binding.</summary>
/// <param name="Function">The function.</param>
/// <param name="Template">function.json <c>route</c>, defaulting to the function name.</param>
/// <param name="Methods">function.json <c>methods</c> in upper case; empty means every method.</param>
/// <param name="ResponseBinding">The <c>http</c> output binding's name (<c>res</c> or <c>$return</c>), or null.</param>
public sealed record HttpFunctionRoute(
    FunctionDefinition Function, RouteTemplate Template, IReadOnlySet<string> Methods, string? ResponseBinding)
{
    /// <summary>Builds the route of an <c>httpTrigger</c> function.</summary>
    public static HttpFunctionRoute For(FunctionDefinition function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var trigger = function.Trigger;
        var methods = trigger.Properties["methods"] is System.Text.Json.Nodes.JsonArray array
            ? array.Select(m => m!.ToString().ToUpperInvariant()).ToHashSet(StringComparer.Ordinal)
            : [];
        var response = function.Outputs.FirstOrDefault(b => string.Equals(b.Type, "http", StringComparison.OrdinalIgnoreCase))?.Name;
        return new HttpFunctionRoute(function, RouteTemplate.Parse(trigger.Get("route") ?? function.Name), methods, response);
    }

    /// <summary>True when <paramref name="method"/> is allowed.</summary>
    public bool Allows(string method) => Methods.Count == 0 || Methods.Contains(method.ToUpperInvariant());
}
