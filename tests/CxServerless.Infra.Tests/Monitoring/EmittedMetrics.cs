using System.Text.RegularExpressions;

namespace CxServerless.Infra.Tests.Monitoring;

/// <summary>
/// The OpenTelemetry instruments the handler process creates, read from its C# source as text: each
/// <c>Meter.CreateCounter&lt;T&gt;("name", …)</c> (and histograms, gauges, up-down counters) with the tag keys
/// recorded with it. A tag key belongs to an instrument when it appears in the file that declares the instrument or
/// in a statement that calls <c>Class.Field.Add(…)</c> / <c>.Record(…)</c> on it elsewhere.
/// </summary>
internal static partial class EmittedMetrics
{
    /// <summary>Metric name to the tag keys recorded with it.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Read()
    {
        var files = RepositoryPaths.HandlerSourceFolders
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(path => path, File.ReadAllText, StringComparer.Ordinal);
        var metrics = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var (path, text) in files)
        {
            foreach (Match declaration in Declaration().Matches(text))
            {
                var type = Path.GetFileNameWithoutExtension(path);
                var field = declaration.Groups["field"].Value;
                var keys = TagKeys(text).ToHashSet(StringComparer.Ordinal);
                var usage = new Regex($@"\b{Regex.Escape(type)}\.{Regex.Escape(field)}\.(?:Add|Record)\((?<call>[^;]*);");
                foreach (var other in files.Values)
                {
                    keys.UnionWith(usage.Matches(other).SelectMany(m => TagKeys(m.Groups["call"].Value)));
                }

                metrics[declaration.Groups["name"].Value] = keys;
            }
        }

        return metrics;
    }

    private static IEnumerable<string> TagKeys(string text) => TagKey().Matches(text).Select(m => m.Groups["key"].Value);

    [GeneratedRegex(
        @"(?<field>\w+)\s*=\s*(?:[\w.]+\.)?Create(?:Counter|Histogram|UpDownCounter|Gauge|Observable\w+)<\w+>\(\s*""(?<name>[^""]+)""")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"(?:KeyValuePair<string,\s*object\?>|\bnew)\(\s*""(?<key>[A-Za-z_.]+)""\s*,")]
    private static partial Regex TagKey();
}
