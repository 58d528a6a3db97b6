using CxServerless.Domain.Access;
using CxServerless.Testing;

namespace CxServerless.Functions.Tests.Security;

/// <summary>
/// The role × endpoint table of <c>docs/security.md</c>: the expectation the role matrix test checks the handler
/// against, and the one the Roles column of <c>docs/api.md</c> must agree with.
/// </summary>
internal sealed record SecurityTable(IReadOnlyDictionary<string, SecurityTable.Row> Rows)
{
    /// <summary>The column of callers without a principal.</summary>
    public const string Anonymous = "anonymous";

    /// <summary>One function's row: which callers it admits (<see cref="Anonymous"/> and role names).</summary>
    public sealed record Row(string Function, string Method, string Route, IReadOnlySet<string> Admitted)
    {
        public bool Admits(string caller) => Admitted.Contains(caller);
    }

    public static SecurityTable Read()
    {
        var lines = File.ReadAllLines(Path.Combine(AzuriteFixture.RepositoryRoot(), "docs", "security.md"));
        var start = Array.FindIndex(lines, l => l.Trim() == "## Role × endpoint");
        Assert.True(start >= 0, "docs/security.md has no section 'Role × endpoint'");
        var table = lines.Skip(start + 1)
            .TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Where(l => l.StartsWith('|'))
            .Select(l => l.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .ToList();
        var header = table[0];
        string[] callers = [Anonymous, .. CxRoles.All];
        Assert.Equal(["Function", "Method", "Route", .. callers], header);
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        foreach (var cells in table.Skip(2))
        {
            Assert.True(cells.Length == header.Length, $"docs/security.md: row '{cells[0]}' has {cells.Length} cells");
            Assert.All(cells.Skip(3), c => Assert.True(c is "✓" or "✗", $"docs/security.md: row '{cells[0]}' has a cell '{c}'"));
            var admitted = callers.Where((_, i) => cells[3 + i] == "✓").ToHashSet(StringComparer.Ordinal);
            Assert.True(rows.TryAdd(cells[0], new Row(cells[0], cells[1], cells[2].Trim('`'), admitted)), $"{cells[0]} is listed twice");
        }

        return new SecurityTable(rows);
    }
}
