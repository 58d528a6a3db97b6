using System.Text.RegularExpressions;

namespace CxServerless.Infra.Tests.Monitoring;

/// <summary>
/// The operations workbook queries only telemetry that is really sent: every metric name and dimension key of its
/// AppMetrics queries is an instrument (and a tag of it) in the handler's source, and every other table it reads is
/// filled by a diagnostic setting of the template with the log category its operations belong to.
/// </summary>
public sealed partial class WorkbookTelemetryTests
{
    /// <summary>
    /// Where each table the workbook may read comes from: AppMetrics from the Azure Monitor metric exporter in the
    /// handler; StorageQueueLogs from the queue service's diagnostic setting. Storage puts a queue operation in the
    /// StorageWrite or StorageDelete category (Azure Storage monitoring reference).
    /// </summary>
    private static readonly Dictionary<string, string> OperationCategories = new(StringComparer.Ordinal)
    {
        ["PutMessage"] = "StorageWrite",
        ["DeleteMessage"] = "StorageDelete",
        ["UpdateMessage"] = "StorageWrite",
        ["ClearMessages"] = "StorageDelete",
    };

    [Fact]
    public void The_module_loads_every_query_file_and_every_file_it_loads_exists()
    {
        var loaded = WorkbookQuery.LoadedFiles();
        var present = Directory.EnumerateFiles(WorkbookQuery.Folder, "*.kql").Select(Path.GetFileName).ToList();

        Assert.NotEmpty(loaded);
        Assert.Equal(present.Order(StringComparer.Ordinal), loaded.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_metric_the_workbook_queries_is_an_instrument_the_code_creates()
    {
        var emitted = EmittedMetrics.Read();
        var queried = WorkbookQuery.Loaded().SelectMany(q => q.MetricNames.Select(name => (q.File, Name: name))).ToList();

        Assert.Contains("cx.ingest.events", emitted.Keys);
        Assert.NotEmpty(queried);
        Assert.All(queried, q => Assert.True(
            emitted.ContainsKey(q.Name), $"{q.File} queries metric '{q.Name}', which no instrument creates"));
    }

    [Fact]
    public void Every_dimension_the_workbook_reads_is_a_tag_recorded_with_the_metric_it_filters_on()
    {
        var emitted = EmittedMetrics.Read();
        var queries = WorkbookQuery.Loaded().Where(q => q.Table == "AppMetrics").ToList();

        Assert.NotEmpty(queries);
        Assert.All(queries, q =>
        {
            Assert.NotEmpty(q.MetricNames);
            Assert.All(q.DimensionKeys, key => Assert.All(q.MetricNames, metric => Assert.True(
                emitted.TryGetValue(metric, out var keys) && keys.Contains(key),
                $"{q.File} reads Properties.{key} of '{metric}', which the code never records with it")));
        });
    }

    [Fact]
    public void Every_table_the_workbook_reads_is_filled_by_the_exporter_or_a_diagnostic_setting()
    {
        var telemetry = File.ReadAllText(
            Path.Combine(RepositoryPaths.FunctionApp, "CxServerless.Functions", "Telemetry", "TelemetryExtensions.cs"));
        var storage = File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "modules", "storage.bicep"));
        var categories = LogCategory().Matches(storage).Select(m => m.Groups["category"].Value).ToHashSet(StringComparer.Ordinal);

        Assert.All(WorkbookQuery.Loaded(), q =>
        {
            switch (q.Table)
            {
                case "AppMetrics":
                    Assert.Contains("AddAzureMonitorMetricExporter", telemetry, StringComparison.Ordinal);
                    break;
                case "StorageQueueLogs":
                    Assert.Matches(QueueDiagnostics(), storage);
                    Assert.NotEmpty(q.Operations);
                    Assert.All(q.Operations, operation => Assert.True(
                        OperationCategories.TryGetValue(operation, out var category) && categories.Contains(category),
                        $"{q.File} reads {operation}, whose log category the storage diagnostic settings do not send"));
                    break;
                default:
                    Assert.Fail($"{q.File} reads table '{q.Table}', which nothing in this app sends to the workspace");
                    break;
            }
        });
    }

    [Fact]
    public void Every_workbook_parameter_a_query_uses_is_defined_by_the_module()
    {
        var module = File.ReadAllText(WorkbookQuery.Module);
        var defined = ParameterName().Matches(module).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        var used = WorkbookQuery.Loaded()
            .SelectMany(q => WorkbookParameter().Matches(q.Text).Select(m => (q.File, Name: m.Groups["name"].Value)))
            .ToList();

        Assert.Contains("TimeRange", defined);
        Assert.All(used, u => Assert.True(defined.Contains(u.Name), $"{u.File} uses {{{u.Name}}}, which the workbook does not define"));
    }

    [Fact]
    public void Main_wires_the_workbook_to_the_deployed_application_insights_workspace_and_task_hub()
    {
        var main = File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "main.bicep"));
        var module = WorkbookModule().Match(main);

        Assert.True(module.Success, "main.bicep does not deploy modules/operationsWorkbook.bicep");
        Assert.Contains("appInsightsId: monitoring.outputs.appInsightsId", module.Value, StringComparison.Ordinal);
        Assert.Contains("workspaceId: monitoring.outputs.workspaceId", module.Value, StringComparison.Ordinal);
        Assert.Contains("taskHub: verifiedTaskHub", module.Value, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"category:\s*'(?<category>Storage\w+)'")]
    private static partial Regex LogCategory();

    [GeneratedRegex(@"resource \w+ 'Microsoft\.Insights/diagnosticSettings@[^']+' = \{\s*name: '[^']+'\s*scope: queueService\b")]
    private static partial Regex QueueDiagnostics();

    [GeneratedRegex(@"\bname:\s*'(?<name>[A-Za-z]+)'\s*\n\s*label:")]
    private static partial Regex ParameterName();

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(?::[^}]*)?\}")]
    private static partial Regex WorkbookParameter();

    [GeneratedRegex(@"module operationsWorkbook 'modules/operationsWorkbook\.bicep' = \{.*?\n\}", RegexOptions.Singleline)]
    private static partial Regex WorkbookModule();
}
