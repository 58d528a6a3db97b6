using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CxServerless.Infra.Tests.Settings;

/// <summary>
/// The settings the Functions host resolves for the function.json files (and host.json): every <c>%Name%</c> in any
/// string value and every binding <c>connection</c>. Storage bindings without a connection use AzureWebJobsStorage.
/// </summary>
internal static partial class FunctionJsonSettings
{
    private static readonly HashSet<string> StorageBindingTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "queueTrigger", "queue", "blobTrigger", "blob", "table",
    };

    /// <summary>Reads every function.json directly under <paramref name="appRoot"/>, and its host.json.</summary>
    public static IReadOnlyList<SettingReference> Read(string appRoot)
    {
        var references = new List<SettingReference>();
        var files = Directory.EnumerateDirectories(appRoot)
            .Select(dir => Path.Combine(dir, "function.json"))
            .Where(File.Exists)
            .Append(Path.Combine(appRoot, "host.json"));
        foreach (var file in files)
        {
            var source = Path.GetRelativePath(appRoot, file);
            var json = JsonNode.Parse(File.ReadAllText(file), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })
                ?? throw new InvalidOperationException($"'{file}' is empty.");
            references.AddRange(Read(json, source));
        }

        return references;
    }

    /// <summary>The references in one function.json document.</summary>
    public static IEnumerable<SettingReference> Read(JsonNode document, string source)
    {
        foreach (var text in Strings(document))
        {
            foreach (Match match in PercentSetting().Matches(text))
            {
                yield return new SettingReference(match.Groups["name"].Value, IsConnection: false, source);
            }
        }

        foreach (var binding in (document["bindings"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var connection = binding.FirstOrDefault(p => string.Equals(p.Key, "connection", StringComparison.OrdinalIgnoreCase)).Value?.ToString();
            var type = binding["type"]?.ToString() ?? string.Empty;
            if (!string.IsNullOrWhiteSpace(connection))
            {
                yield return new SettingReference(connection.Trim('%'), IsConnection: true, source);
            }
            else if (StorageBindingTypes.Contains(type))
            {
                yield return new SettingReference("AzureWebJobsStorage", IsConnection: true, source);
            }
        }
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    [GeneratedRegex(@"%(?<name>[A-Za-z_][A-Za-z0-9_.:-]*)%")]
    private static partial Regex PercentSetting();
}
