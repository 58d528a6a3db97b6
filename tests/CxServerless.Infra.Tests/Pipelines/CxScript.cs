using System.Text.RegularExpressions;

namespace CxServerless.Infra.Tests.Pipelines;

/// <summary>The repository's <c>cx</c> script, read as data: the commands its final dispatch <c>case</c> implements.</summary>
internal static partial class CxScript
{
    /// <summary>The commands of the last <c>case "${1:-}" in … esac</c> block, e.g. up, test, bench, package.</summary>
    public static IReadOnlySet<string> Commands()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "cx"));
        var dispatch = Dispatch().Matches(text).LastOrDefault()
            ?? throw new InvalidOperationException("cx has no 'case \"${1:-}\" in ... esac' dispatch");
        return Arm().Matches(dispatch.Groups["arms"].Value)
            .SelectMany(m => m.Groups["patterns"].Value.Split('|'))
            .Select(p => p.Trim())
            .Where(p => p.Length > 0 && p != "*")
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every <c>./cx COMMAND</c> invocation in <paramref name="script"/>.</summary>
    public static IEnumerable<string> InvokedCommands(string script) =>
        Invocation().Matches(script).Select(m => m.Groups["command"].Value);

    [GeneratedRegex(@"^case ""\$\{1:-\}"" in\n(?<arms>.*?)^esac", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Dispatch();

    [GeneratedRegex(@"^\s*(?<patterns>[A-Za-z0-9_*|-]+)\)", RegexOptions.Multiline)]
    private static partial Regex Arm();

    [GeneratedRegex(@"(?<![\w/.])\./cx\s+(?<command>[A-Za-z0-9_-]+)")]
    private static partial Regex Invocation();
}
