using System.Xml.Linq;

namespace CxServerless.Infra.Tests.Architecture;

/// <summary>
/// Dependencies point one way: Functions → Workflows → the Durable Task packages; Functions and Workflows → Domain;
/// Domain → nothing of ours and no package but a hashing algorithm. The allowed edges are written here, not read from the projects.
/// </summary>
public sealed class ProjectDependencyTests
{
    private static readonly Dictionary<string, string[]> AllowedProjectEdges = new(StringComparer.Ordinal)
    {
        ["CxServerless.Domain"] = [],
        ["CxServerless.Workflows"] = ["CxServerless.Domain"],
        ["CxServerless.Functions"] = ["CxServerless.Domain", "CxServerless.Workflows"],
    };

    private static readonly string[] ProductionProjects =
    [
        Path.Combine("functions", "CxServerless.Domain", "CxServerless.Domain.csproj"),
        Path.Combine("functions", "CxServerless.Functions", "CxServerless.Functions.csproj"),
        Path.Combine("durable-workflows", "CxServerless.Workflows", "CxServerless.Workflows.csproj"),
    ];

    [Fact]
    public void Production_projects_reference_only_the_projects_the_layering_allows()
    {
        var found = new List<string>();
        foreach (var project in ProductionProjects)
        {
            var name = Path.GetFileNameWithoutExtension(project);
            foreach (var reference in Items(project, "ProjectReference"))
            {
                var target = Path.GetFileNameWithoutExtension(reference.Replace('\\', '/'));
                found.Add($"{name} → {target}");
                Assert.True(AllowedProjectEdges[name].Contains(target, StringComparer.Ordinal),
                    $"{name} references {target}; allowed: {string.Join(", ", AllowedProjectEdges[name])}.");
            }
        }

        Assert.Contains("CxServerless.Functions → CxServerless.Workflows", found);
        Assert.Contains("CxServerless.Workflows → CxServerless.Domain", found);
    }

    [Fact]
    public void Every_production_project_is_in_the_layering()
    {
        var projects = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "functions"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "durable-workflows"), "*.csproj", SearchOption.AllDirectories))
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal);

        Assert.Equal(AllowedProjectEdges.Keys.Order(StringComparer.Ordinal), projects);
    }

    [Fact]
    public void The_domain_references_no_package_and_the_durable_task_packages_stay_in_the_workflows_project()
    {
        // System.IO.Hashing is a pure algorithm library (the xxHash partition spread), no I/O.
        Assert.Equal(["System.IO.Hashing"], Items(ProductionProjects[0], "PackageReference"));
        var functions = Items(ProductionProjects[1], "PackageReference");
        Assert.DoesNotContain(functions, p => p.Contains("DurableTask", StringComparison.Ordinal));
        var workflows = Items(ProductionProjects[2], "PackageReference");
        Assert.Contains("Microsoft.Azure.DurableTask.Core", workflows);
        Assert.Contains("Microsoft.Azure.DurableTask.AzureStorage", workflows);
        Assert.Contains("Microsoft.DurableTask.Worker", workflows);
        Assert.Contains("Microsoft.DurableTask.Analyzers", workflows);
    }

    private static List<string> Items(string project, string item) =>
        [.. XDocument.Load(Path.Combine(RepositoryPaths.Root, project))
            .Descendants(item)
            .Select(e => (string?)e.Attribute("Include") ?? string.Empty)];
}
