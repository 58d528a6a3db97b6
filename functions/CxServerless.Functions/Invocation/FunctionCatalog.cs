using System.Text.Json.Nodes;

namespace CxServerless.Functions.Invocation;

/// <summary>
/// The functions this app defines: one folder with a <c>function.json</c> under the app root (the folder holding
/// <c>host.json</c>), each matched to exactly one <see cref="IFunctionHandler"/>.
/// </summary>
public sealed class FunctionCatalog
{
    private readonly Dictionary<string, IFunctionHandler> _handlers;

    /// <summary>Matches the function folders under <paramref name="appRoot"/> with <paramref name="handlers"/>.</summary>
    /// <exception cref="InvalidOperationException">
    /// A folder has no handler, a handler has no folder, or two handlers share a name.
    /// </exception>
    public FunctionCatalog(string appRoot, IEnumerable<IFunctionHandler> handlers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appRoot);
        ArgumentNullException.ThrowIfNull(handlers);
        AppRoot = appRoot;
        Definitions = ReadDefinitions(appRoot);
        FunctionTimeout = ReadFunctionTimeout(appRoot);

        _handlers = new Dictionary<string, IFunctionHandler>(StringComparer.OrdinalIgnoreCase);
        foreach (var handler in handlers)
        {
            if (!_handlers.TryAdd(handler.Name, handler))
            {
                throw new InvalidOperationException($"Two handlers are registered for function '{handler.Name}'.");
            }
        }

        var problems = new List<string>();
        problems.AddRange(Definitions.Keys.Where(n => !_handlers.ContainsKey(n))
            .Select(n => $"function.json '{n}/function.json' has no handler in CxServerless.Functions"));
        problems.AddRange(_handlers.Keys.Where(n => !Definitions.ContainsKey(n))
            .Select(n => $"handler '{n}' has no function folder '{Path.Combine(appRoot, n)}/function.json'"));
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                "The function app definition and the handler disagree: " + string.Join("; ", problems) + ".");
        }

        foreach (var http in _handlers.Values.OfType<Security.HttpFunction>())
        {
            var definition = Definitions.First(d => string.Equals(d.Key, http.Name, StringComparison.OrdinalIgnoreCase)).Value;
            var trigger = definition["bindings"]?.AsArray().OfType<JsonObject>()
                .FirstOrDefault(b => b["type"]?.GetValue<string>() == "httpTrigger");
            http.DeclareMethods(trigger?["methods"]?.AsArray().Select(m => m?.GetValue<string>()).OfType<string>() ?? []);
        }
    }

    /// <summary>The app root: the folder with <c>host.json</c>.</summary>
    public string AppRoot { get; }

    /// <summary>Each function's <c>function.json</c>, by function name.</summary>
    public IReadOnlyDictionary<string, JsonObject> Definitions { get; }

    /// <summary>
    /// host.json <c>functionTimeout</c>; null when unbounded (<c>-1</c>). Defaults to 30 minutes, the Flex Consumption default.
    /// </summary>
    public TimeSpan? FunctionTimeout { get; }

    /// <summary>
    /// How long the handler lets one invocation run before it answers with a failure itself: a little under
    /// <see cref="FunctionTimeout"/>, so the host gets an answer instead of restarting the handler process.
    /// </summary>
    public TimeSpan? InvocationDeadline => FunctionTimeout is { } timeout
        ? timeout - TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(5).Ticks, timeout.Ticks / 10))
        : null;

    /// <summary>Finds the handler for a function name (case-insensitive, as the host's routes are).</summary>
    public IFunctionHandler? Find(string functionName) => _handlers.GetValueOrDefault(functionName);

    /// <summary>
    /// Finds the app root: <c>AzureWebJobsScriptRoot</c> when set, else the nearest folder at or above
    /// <paramref name="start"/> that holds <c>host.json</c>.
    /// </summary>
    public static string LocateAppRoot(string? configuredRoot, string start)
    {
        if (!string.IsNullOrWhiteSpace(configuredRoot))
        {
            return File.Exists(Path.Combine(configuredRoot, "host.json"))
                ? Path.GetFullPath(configuredRoot)
                : throw new InvalidOperationException($"AzureWebJobsScriptRoot '{configuredRoot}' has no host.json.");
        }

        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "host.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No host.json found at or above '{start}'. Set AzureWebJobsScriptRoot to the function app folder.");
    }

    private static TimeSpan? ReadFunctionTimeout(string appRoot)
    {
        var hostJson = Path.Combine(appRoot, "host.json");
        var host = File.Exists(hostJson) ? JsonNode.Parse(File.ReadAllText(hostJson)) as JsonObject : null;
        var text = host?["functionTimeout"]?.GetValue<string>();
        if (text is null)
        {
            return TimeSpan.FromMinutes(30);
        }

        if (text.Trim() == "-1")
        {
            return null;
        }

        return TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var timeout) && timeout > TimeSpan.Zero
            ? timeout
            : throw new InvalidOperationException($"host.json functionTimeout '{text}' is not a positive time span (hh:mm:ss) or -1.");
    }

    private static Dictionary<string, JsonObject> ReadDefinitions(string appRoot)
    {
        var definitions = new Dictionary<string, JsonObject>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.EnumerateFiles(appRoot, "function.json", SearchOption.AllDirectories))
        {
            var folder = Path.GetDirectoryName(file)!;
            if (!string.Equals(Path.GetDirectoryName(folder), appRoot.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            {
                continue; // Only direct children of the app root are functions, as in the Functions host.
            }

            var json = JsonNode.Parse(File.ReadAllText(file)) as JsonObject
                ?? throw new InvalidOperationException($"'{file}' is not a JSON object.");
            definitions[Path.GetFileName(folder)] = json;
        }

        return definitions;
    }
}
