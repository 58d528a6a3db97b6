using System.Text.RegularExpressions;
using CxServerless.Infra.Tests.Bicep;

namespace CxServerless.Infra.Tests.Storage;

/// <summary>
/// The tables the handler names (constants called <c>TableName</c> or <c>XxxTableName</c>, and the defaults of settings
/// properties called <c>XxxTable</c>) are provisioned by Bicep.
/// </summary>
public sealed partial class ProvisionedStorageTests(CompiledMainTemplate main) : IClassFixture<CompiledMainTemplate>
{
    [Fact]
    public async Task Every_table_the_handler_names_is_provisioned()
    {
        var provisioned = (await main.GetAsync()).Root["variables"]!["tableNames"]!.AsArray()
            .Select(name => name!.GetValue<string>())
            .ToHashSet(StringComparer.Ordinal);
        var named = RepositoryPaths.HandlerSourceFolders
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains("/obj/", StringComparison.Ordinal) && !path.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(path => TableNameConstant().Matches(File.ReadAllText(path)).Select(m => (Table: m.Groups["value"].Value, File: path)))
            .ToList();

        Assert.NotEmpty(named);
        var missing = named.Where(n => !provisioned.Contains(n.Table)).Select(n => $"{n.Table} ({Path.GetRelativePath(RepositoryPaths.Root, n.File)})");
        Assert.True(!missing.Any(), "Add these tables to tableNames in infra/main.bicep: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Architecture_tables_and_the_alerts_queue_with_its_poison_queue_are_provisioned_and_the_task_hub_is_left_to_the_framework()
    {
        var template = await main.GetAsync();
        var tables = template.Root["variables"]!["tableNames"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();

        Assert.Superset(
            new HashSet<string>(["CxEvents", "Quarantine", "MetricBuckets", "Baselines", "Alerts", "Tasks", "Audit", "Identities"]),
            tables.ToHashSet());
        var queueExpression = template.Root["variables"]!["queueNames"]!.ToString();
        Assert.Contains("-poison", queueExpression, StringComparison.Ordinal);
        Assert.Contains("alerts", template.Root["variables"]!["workQueues"]!.ToString(), StringComparison.Ordinal);

        // The Durable Task Framework creates its task hub's tables, queues and containers itself, named after the hub.
        Assert.DoesNotContain(tables, t => t.StartsWith("Workflow", StringComparison.Ordinal));
        Assert.DoesNotContain("workflow-control-", template.Root["variables"]!["workQueues"]!.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(
        @"\bconst\s+string\s+\w*TableName\s*=\s*""(?<value>[^""]+)""" +
        @"|\bpublic\s+string\s+\w*Table\s*\{\s*get;\s*(?:set|init);\s*\}\s*=\s*""(?<value>[^""]+)""")]
    private static partial Regex TableNameConstant();
}
