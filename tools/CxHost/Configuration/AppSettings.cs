using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CxHost.Configuration;

/// <summary>
/// The app settings the Functions host would have: <c>Values</c> of <c>local.settings.json</c> (else
/// <c>local.settings.sample.json</c>) from the app root or its parent, with environment variables overriding them.
/// They resolve <c>%Setting%</c> references in function.json and become the handler's environment.
/// </summary>
public sealed partial class AppSettings
{
    private readonly Dictionary<string, string> _values;

    /// <summary>Creates settings from explicit values (case-insensitive names, as in App Service).</summary>
    public AppSettings(IEnumerable<KeyValuePair<string, string>> values, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in values)
        {
            _values[name] = value;
        }

        Source = source;
    }

    /// <summary>The settings file the values came from, or null.</summary>
    public string? Source { get; }

    /// <summary>Every setting.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>Loads the settings for <paramref name="appRoot"/>, overlaying environment variables and then
    /// <paramref name="overrides"/>.</summary>
    public static AppSettings Load(
        string appRoot, IReadOnlyDictionary<string, string>? overrides = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var file = FindSettingsFile(appRoot);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (file is not null)
        {
            foreach (var (name, value) in ReadValues(file))
            {
                values[name] = environment(name) ?? value;
            }
        }

        foreach (var (name, value) in overrides ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }

        return new AppSettings(values, file);
    }

    /// <summary>The setting's value, or null.</summary>
    public string? Get(string name) => _values.GetValueOrDefault(name);

    /// <summary>
    /// Replaces every <c>%Name%</c> in <paramref name="text"/> with the setting's value, as the Functions host does for
    /// binding properties. Throws naming the setting when one is missing.
    /// </summary>
    public string Resolve(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SettingReference().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            return Get(name) ?? throw new InvalidOperationException(
                $"Setting '{name}' (referenced as '%{name}%') is not defined in {Source ?? "the app settings"} or the environment.");
        });
    }

    /// <summary>Finds the settings file: local.settings.json first, then the sample, in the app root and then its parent.</summary>
    public static string? FindSettingsFile(string appRoot)
    {
        var folders = new[] { appRoot, Path.GetDirectoryName(Path.GetFullPath(appRoot).TrimEnd(Path.DirectorySeparatorChar)) }
            .Where(f => f is not null).Cast<string>().ToList();
        foreach (var name in new[] { "local.settings.json", "local.settings.sample.json" })
        {
            var found = folders.Select(f => Path.Combine(f, name)).FirstOrDefault(File.Exists);
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static IEnumerable<KeyValuePair<string, string>> ReadValues(string file)
    {
        // Comments are allowed: the sample explains each setting in place, and the Functions Core Tools read it the same way.
        var root = JsonNode.Parse(
            File.ReadAllText(file),
            documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })
            as JsonObject
            ?? throw new InvalidOperationException($"'{file}' is not a JSON object.");
        if (root["Values"] is not JsonObject values)
        {
            yield break;
        }

        foreach (var (name, value) in values)
        {
            yield return new(name, value?.ToString() ?? string.Empty);
        }
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();
}
