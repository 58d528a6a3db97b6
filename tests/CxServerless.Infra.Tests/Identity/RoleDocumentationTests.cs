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

    [Fact]
    public void The_pipeline_role_assignment_condition_allows_exactly_the_roles_the_template_assigns()
    {
        var module = File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "modules", "roleAssignments.bicep"));
        var docs = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "docs", "deploy.md"));

        var assigned = RoleId().Matches(module).Select(m => m.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var allowed = docs.Where(line => line.TrimStart().StartsWith("ROLE_IDS=", StringComparison.Ordinal))
            .SelectMany(line => RoleId().Matches(line).Select(m => m.Value))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.NotEmpty(allowed);
        Assert.True(
            assigned.SetEquals(allowed),
            $"ROLE_IDS in docs/deploy.md: {string.Join(", ", allowed)}; assigned: {string.Join(", ", assigned)}");
    }

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex RoleId();
}
