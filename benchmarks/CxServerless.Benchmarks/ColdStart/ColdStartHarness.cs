using System.Globalization;
using System.Text.Json.Nodes;
using CxServerless.Testing;
using DurableTask.AzureStorage;

namespace CxServerless.Benchmarks.ColdStart;

/// <summary>
/// Handler cold start: process start to the first answer on <c>/</c>, for the real custom handler and for an empty
/// ASP.NET Core app (benchmarks/EmptyHandler), both framework-dependent Release builds started through their apphost
/// with the same environment, alternating, in the same run. Prints median and p95 and the ratio real / empty. The real
/// handler hosts the Durable Task worker on Azurite, on a task hub of its own per launch (deleted at the end); a second
/// row gives the time until that worker has started, which readiness does not wait for.
/// </summary>
public sealed class ColdStartHarness : ILoadHarness
{
    /// <inheritdoc />
    public string Name => "cold-start";

    /// <inheritdoc />
    public string Description =>
        "handler start to first ready answer on / (and to its Durable Task worker running), vs an empty app (--runs N, default 15)";

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 2 && args[0] == WorkerProbe.Argument)
        {
            return await WorkerProbe.RunAsync(args[1]);
        }

        var runs = args.Length == 2 && args[0] == "--runs" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
        var root = AzuriteFixture.RepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

        // The handler's worker needs a storage account that answers: the Azurite the tests use (or one started here).
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var environment = Environment(root, azurite.ConnectionString);
        var realPath = Path.Combine(root, "functions", "CxServerless.Functions", "bin", configuration, "net10.0", "CxServerless.Functions");
        var emptyPath = Path.Combine(root, "benchmarks", "EmptyHandler", "bin", configuration, "net10.0", "EmptyHandler");
        var real = new HandlerLaunch("CxServerless.Functions", realPath, environment, hostsWorker: true);
        var probeHubs = new List<string>();
        var empty = new HandlerLaunch("EmptyHandler (baseline)", emptyPath, environment, hostsWorker: false);
        try
        {
            // One unmeasured start each warms the OS file cache, as a deployed app's files would be.
            await real.MeasureAsync();
            await empty.MeasureAsync();
            var ready = new Dictionary<HandlerLaunch, List<double>> { [empty] = [], [real] = [] };
            var worker = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                foreach (var launch in i % 2 == 0 ? new[] { empty, real } : [real, empty])
                {
                    var (answered, started) = await launch.MeasureAsync();
                    ready[launch].Add(answered.TotalMilliseconds);
                    if (started is { } at)
                    {
                        worker.Add(at.TotalMilliseconds);
                    }
                }
            }

            // The worker's own cold start-up, in a process that hosts nothing else (fewer runs: it only explains the figures above).
            var probes = new List<(double Resolve, double Started)>();
            for (var i = 0; i < Math.Max(3, runs / 3); i++)
            {
                var taskHub = "coldprobe" + Guid.NewGuid().ToString("N")[..12];
                probeHubs.Add(taskHub);
                probes.Add(await WorkerProbe.MeasureAsync(azurite.ConnectionString, taskHub));
            }

            Print(ready, worker, probes, empty, real, runs, configuration);
            return 0;
        }
        finally
        {
            await DeleteTaskHubsAsync(azurite.ConnectionString, [.. real.TaskHubs, .. probeHubs]);
            await azurite.DisposeAsync();
        }
    }

    private static void Print(
        Dictionary<HandlerLaunch, List<double>> samples,
        List<double> worker,
        List<(double Resolve, double Started)> probes,
        HandlerLaunch baseline,
        HandlerLaunch real,
        int runs,
        string configuration)
    {
        var baseMedian = Percentile(samples[baseline], 0.5);
        Console.WriteLine(
            $"Handler cold start: process start -> first answer on / ({runs} runs each, alternating, {configuration}, " +
            "framework-dependent apphost)");
        Console.WriteLine($"| {"Handler",-51} | {"median ms",10} | {"p95 ms",8} | {"min ms",8} | {"ratio (median)",14} |");
        Console.WriteLine(
            $"|{new string('-', 53)}|{new string('-', 12)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 16)}|");
        foreach (var (launch, values) in samples)
        {
            Row(launch.Name, values, baseMedian);
        }

        Row($"{real.Name}: Durable Task worker started", worker, baseMedian);
        Row("in-process probe: resolve DurableTaskHost", [.. probes.Select(p => p.Resolve)], null);
        Row("in-process probe: build host -> worker started", [.. probes.Select(p => p.Started)], null);
        Console.WriteLine("The worker starts in the background (task hub created, worker running: DurableTaskHost's 'started' log line,");
        Console.WriteLine(
            $"a new task hub per launch on {real.TaskHubs.Count} launches); readiness does not wait for it. " +
            $"Worker start retries: {real.WorkerRetries}.");
        Console.WriteLine($"The probes ({probes.Count} fresh processes hosting AddCxWorkflows only) time, cold, what the handler does");
        Console.WriteLine("before Kestrel listens (resolving DurableTaskHost: the framework's worker, storage clients, shims)");
        Console.WriteLine("and the whole start of the worker.");
    }

    private static void Row(string name, List<double> values, double? baseMedian)
    {
        var median = Percentile(values, 0.5);
        var ratio = baseMedian is { } b ? (median / b).ToString("0.00", CultureInfo.InvariantCulture) : "-";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name,-51} | {median,10:0.0} | {Percentile(values, 0.95),8:0.0} | {values.Min(),8:0.0} | {ratio,14} |"));
    }

    private static async Task DeleteTaskHubsAsync(string connectionString, IReadOnlyList<string> taskHubs)
    {
        foreach (var taskHub in taskHubs)
        {
            using var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
            {
                TaskHubName = taskHub,
                StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            });
            try
            {
                await service.DeleteAsync();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Console.Error.WriteLine($"Could not delete task hub {taskHub}: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    private static Dictionary<string, string> Environment(string root, string connectionString)
    {
        var sample = JsonNode.Parse(
            File.ReadAllText(Path.Combine(root, "local.settings.sample.json")),
            documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!["Values"]!.AsObject();
        var environment = sample.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? string.Empty);
        environment["AzureWebJobsScriptRoot"] = Path.Combine(root, "functions");
        environment["AzureWebJobsStorage"] = connectionString;
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return environment;
    }
}
