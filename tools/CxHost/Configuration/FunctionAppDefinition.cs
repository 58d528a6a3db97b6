namespace CxHost.Configuration;

/// <summary>A function app as the Functions host reads it: host.json plus each direct child folder's function.json.</summary>
public sealed record FunctionAppDefinition(
    string AppRoot, HostConfiguration Host, IReadOnlyList<FunctionDefinition> Functions, AppSettings Settings)
{
    /// <summary>
    /// Reads the app at <paramref name="appRoot"/> with <paramref name="settings"/> resolving <c>%Setting%</c> references.
    /// </summary>
    public static FunctionAppDefinition Load(string appRoot, AppSettings settings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appRoot);
        var hostFile = Path.Combine(appRoot, "host.json");
        if (!File.Exists(hostFile))
        {
            throw new InvalidOperationException($"'{appRoot}' has no host.json.");
        }

        var host = HostConfiguration.Parse(File.ReadAllText(hostFile));
        var functions = Directory.EnumerateDirectories(appRoot)
            .Where(dir => File.Exists(Path.Combine(dir, "function.json")))
            .OrderBy(dir => dir, StringComparer.Ordinal)
            .Select(dir => FunctionDefinition.Parse(Path.GetFileName(dir), File.ReadAllText(Path.Combine(dir, "function.json")), settings))
            .Where(f => !f.Disabled)
            .ToList();
        return new FunctionAppDefinition(appRoot, host, functions, settings);
    }

    /// <summary>The functions whose trigger has the given type (case-insensitive).</summary>
    public IEnumerable<FunctionDefinition> WithTrigger(string type) =>
        Functions.Where(f => string.Equals(f.Trigger.Type, type, StringComparison.OrdinalIgnoreCase));
}
