using System.Text.RegularExpressions;

namespace CxServerless.Infra.Tests.Settings;

/// <summary>
/// Finds the configuration keys that handler code reads, by the shapes such reads take in C#:
/// <c>configuration["X"]</c>, <c>configuration.GetSection("X")</c>, <c>.GetRequiredSection</c>,
/// <c>.GetValue&lt;T&gt;("X")</c>, <c>.GetConnectionString</c> (on receivers named <c>configuration</c>, <c>_configuration</c>,
/// <c>config</c> or <c>x.Configuration</c>), <c>.BindConfiguration("X")</c>,
/// <c>Environment.GetEnvironmentVariable("X")</c>, and helpers called as <c>Helper(configuration, "X")</c>.
/// A key given as a constant (<c>HandlerSettings.PseudonymKey</c>, <c>SettingName</c>) is resolved through the
/// <c>const string</c> declarations of the scanned sources; a key held in a plain variable is found at the call
/// site that passes it. Hierarchical keys (<c>A:B</c>, <c>A__B</c>) count as their first segment.
/// </summary>
internal static partial class HandlerSourceScanner
{
    /// <summary>Scans every .cs file under <paramref name="folders"/> (bin and obj excluded).</summary>
    public static IReadOnlyList<SettingReference> Scan(IEnumerable<string> folders)
    {
        var files = folders.Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(path => !IsBuildOutput(path))
            .Order(StringComparer.Ordinal)
            .Select(path => new SourceFile(Path.GetRelativePath(RepositoryPaths.Root, path), File.ReadAllText(path)))
            .ToList();
        return Scan(files);
    }

    /// <summary>Scans the given sources.</summary>
    public static IReadOnlyList<SettingReference> Scan(IReadOnlyList<SourceFile> files)
    {
        var constants = Constants(files);
        var references = new List<SettingReference>();
        foreach (var file in files)
        {
            var lines = file.Text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var code = StripComment(lines[i]);
                foreach (var argument in KeyArguments(code))
                {
                    if (Resolve(argument.Trim(), file, constants) is { } key)
                    {
                        references.Add(new SettingReference(FirstSegment(key), IsConnection: false, $"{file.Path}:{i + 1}"));
                    }
                }
            }
        }

        return references;
    }

    private static IEnumerable<string> KeyArguments(string code) =>
        IndexerRead().Matches(code).Select(m => m.Groups["arg"].Value)
            .Concat(MethodRead().Matches(code).Select(m => m.Groups["arg"].Value))
            .Concat(EnvironmentRead().Matches(code).Select(m => m.Groups["arg"].Value))
            .Concat(HelperRead().Matches(code).Select(m => m.Groups["arg"].Value));

    private static string? Resolve(string argument, SourceFile file, IReadOnlyList<Constant> constants)
    {
        if (StringLiteral().Match(argument) is { Success: true } literal)
        {
            return literal.Groups["value"].Value;
        }

        if (!QualifiedName().IsMatch(argument))
        {
            return null; // an interpolation, a call or nameof: not a key we can name statically
        }

        var parts = argument.Split('.');
        var name = parts[^1];
        var owner = parts.Length > 1 ? parts[^2] : null;
        var candidates = constants.Where(c => c.Name == name).ToList();
        var match = candidates.FirstOrDefault(c => owner is not null && c.Owner == owner)
            ?? candidates.FirstOrDefault(c => owner is null && c.File == file.Path)
            ?? (candidates.Count == 1 ? candidates[0] : null);
        return match?.Value;
    }

    private static List<Constant> Constants(IEnumerable<SourceFile> files)
    {
        var constants = new List<Constant>();
        foreach (var file in files)
        {
            string? owner = null;
            foreach (var line in file.Text.Split('\n'))
            {
                if (TypeDeclaration().Match(line) is { Success: true } type)
                {
                    owner = type.Groups["name"].Value;
                }

                foreach (Match constant in ConstantDeclaration().Matches(line))
                {
                    constants.Add(new Constant(owner, constant.Groups["name"].Value, constant.Groups["value"].Value, file.Path));
                }
            }
        }

        return constants;
    }

    private static string FirstSegment(string key)
    {
        var end = key.IndexOfAny([':']);
        var dunder = key.IndexOf("__", StringComparison.Ordinal);
        end = end < 0 ? dunder : dunder < 0 ? end : Math.Min(end, dunder);
        return end < 0 ? key : key[..end];
    }

    private static string StripComment(string line)
    {
        var index = line.IndexOf("//", StringComparison.Ordinal);
        return index >= 0 && !line[..index].Contains('"', StringComparison.Ordinal) ? line[..index] : line;
    }

    private static bool IsBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ||
        path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private sealed record Constant(string? Owner, string Name, string Value, string File);

    [GeneratedRegex(@"\b_?[Cc]onfig(?:uration)?\s*\[\s*(?<arg>[^\]\[]+?)\s*\]")]
    private static partial Regex IndexerRead();

    [GeneratedRegex(@"(?:\b_?[Cc]onfig(?:uration)?\s*\.(?:GetSection|GetRequiredSection|GetConnectionString|GetValue(?:<[^>]+>)?)|\.BindConfiguration)\s*\(\s*(?<arg>[^,\)]+)")]
    private static partial Regex MethodRead();

    [GeneratedRegex(@"Environment\.GetEnvironmentVariable\s*\(\s*(?<arg>[^,\)]+)")]
    private static partial Regex EnvironmentRead();

    [GeneratedRegex(@"\b\w+\s*\(\s*(?:\w+\.)*_?[Cc]onfig(?:uration)?\s*,\s*(?<arg>[^,\)]+)")]
    private static partial Regex HelperRead();

    [GeneratedRegex(@"^@?""(?<value>[^""]*)""$")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"\b(?:class|record|struct|interface)\s+(?<name>[A-Za-z_]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\bconst\s+string\s+(?<name>[A-Za-z_]\w*)\s*=\s*""(?<value>[^""]*)""")]
    private static partial Regex ConstantDeclaration();
}
