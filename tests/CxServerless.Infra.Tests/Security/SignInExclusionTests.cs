using System.Text.RegularExpressions;

namespace CxServerless.Infra.Tests.Security;

/// <summary>
/// App Service Authentication lets the paths in <c>anonymousPaths</c> (main.bicep, passed to authsettingsV2's
/// <c>excludedPaths</c>) through without sign-in. Each must be a route that the role × endpoint table of
/// docs/security.md admits anonymous callers to, so that the Bicep can never open more than the table says.
/// </summary>
public sealed partial class SignInExclusionTests
{
    [Fact]
    public void Every_path_excluded_from_sign_in_is_a_route_the_security_table_opens_to_anonymous_callers()
    {
        var main = File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "main.bicep"));
        var functionApp = File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "modules", "functionApp.bicep"));
        Assert.Matches(@"excludedPaths:\s*anonymousPaths\b", functionApp);

        var list = AnonymousPaths().Match(main);
        Assert.True(list.Success, "main.bicep passes no anonymousPaths to the function app");
        var excluded = QuotedText().Matches(list.Groups["paths"].Value).Select(m => m.Groups["text"].Value).ToList();
        Assert.NotEmpty(excluded);

        var anonymousRoutes = AnonymousRoutes();
        Assert.Contains("health", anonymousRoutes);
        foreach (var path in excluded)
        {
            Assert.True(
                path.StartsWith("/api/", StringComparison.Ordinal) && anonymousRoutes.Contains(path["/api/".Length..]),
                $"{path} is excluded from sign-in, but docs/security.md does not open it to anonymous callers");
        }
    }

    /// <summary>The routes whose row in docs/security.md's table has ✓ in the <c>anonymous</c> column.</summary>
    private static HashSet<string> AnonymousRoutes()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "docs", "security.md"));
        var header = Array.FindIndex(lines, l => l.StartsWith("| Function | Method | Route | anonymous |", StringComparison.Ordinal));
        Assert.True(header >= 0, "docs/security.md has no role × endpoint table");
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = row.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells[3] == "✓")
            {
                routes.Add(cells[2].Trim('`'));
            }
        }

        return routes;
    }

    [GeneratedRegex(@"anonymousPaths:\s*\[(?<paths>[^\]]*)\]")]
    private static partial Regex AnonymousPaths();

    [GeneratedRegex(@"'(?<text>[^']*)'")]
    private static partial Regex QuotedText();
}
