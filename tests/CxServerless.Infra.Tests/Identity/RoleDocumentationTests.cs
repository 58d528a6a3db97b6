using System.Text.RegularExpressions;

namespace CxServerless.Infra.Tests.Identity;

/// <summary>docs/deploy.md documents every built-in role the template assigns, by its role definition id.</summary>
public sealed partial class RoleDocumentationTests
{
    [Fact]
    public void Every_assigned_role_definition_id_is_documented()
    {
        var module = File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "modules", "roleAssignments.bicep"));
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "deploy.md"));

        var ids = RoleId().Matches(module).Select(m => m.Value).Distinct().ToList();

        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Contains(id, docs, StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex RoleId();
}
