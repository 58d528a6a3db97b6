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

        // The same two apps published ReadyToRun, as ./cx package ships the handler (precompiled code for linux-x64).
        var published = Directory.CreateTempSubdirectory("cx-coldstart-r2r-").FullName;
        await PublishReadyToRunAsync(root, Path.Combine("functions", "CxServerless.Functions"), Path.Combine(published, "handler"));
        await PublishReadyToRunAsync(root, Path.Combine("benchmarks", "EmptyHandler"), Path.Combine(published, "empty"));
        var realR2r = new HandlerLaunch(
            "CxServerless.Functions, ReadyToRun", Path.Combine(published, "handler", "CxServerless.Functions"), environment,
            hostsWorker: true);
        var emptyR2r = new HandlerLaunch(
            "EmptyHandler, ReadyToRun (baseline)", Path.Combine(published, "empty", "EmptyHandler"), environment, hostsWorker: false);
        var launches = new[] { empty, real, emptyR2r, realR2r };
        try
        {
            // One unmeasured start each warms the OS file cache, as a deployed app's files would be.
            foreach (var launch in launches)
            {
                await launch.MeasureAsync();
            }

            var ready = launches.ToDictionary(l => l, _ => new List<double>());
            var worker = new Dictionary<HandlerLaunch, List<double>> { [real] = [], [realR2r] = [] };
            for (var i = 0; i < runs; i++)
            {
                foreach (var launch in i % 2 == 0 ? launches : launches.Reverse())
                {
                    var (answered, started) = await launch.MeasureAsync();
                    ready[launch].Add(answered.TotalMilliseconds);
                    if (started is { } at)
                    {
                        worker[launch].Add(at.TotalMilliseconds);
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

            Print(ready, worker, probes, [(empty, real), (emptyR2r, realR2r)], runs, configuration);
            return 0;
        }
        finally
        {
            await DeleteTaskHubsAsync(azurite.ConnectionString, [.. real.TaskHubs, .. realR2r.TaskHubs, .. probeHubs]);
            await azurite.DisposeAsync();
            Directory.Delete(published, recursive: true);
        }
    }

    private static void Print(
        Dictionary<HandlerLaunch, List<double>> samples,
        Dictionary<HandlerLaunch, List<double>> worker,
        List<(double Resolve, double Started)> probes,
        IReadOnlyList<(HandlerLaunch Baseline, HandlerLaunch Real)> pairs,
        int runs,
        string configuration)
    {
        Console.WriteLine(
            $"Handler cold start: process start -> first answer on / ({runs} runs each, alternating, {configuration}, " +
            "framework-dependent apphost; ratios against the empty app built the same way)");
        Console.WriteLine($"| {"Handler",-51} | {"median ms",10} | {"p95 ms",8} | {"min ms",8} | {"ratio (median)",14} |");
        Console.WriteLine(
            $"|{new string('-', 53)}|{new string('-', 12)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 16)}|");
        foreach (var (baseline, real) in pairs)
        {
            var baseMedian = Percentile(samples[baseline], 0.5);
            Row(baseline.Name, samples[baseline], baseMedian);
            Row(real.Name, samples[real], baseMedian);
            Row($"{real.Name}: Durable Task worker started", worker[real], baseMedian);
        }

        Row("in-process probe: resolve WorkflowHost", [.. probes.Select(p => p.Resolve)], null);
        Row("in-process probe: build host -> worker started", [.. probes.Select(p => p.Started)], null);
        Console.WriteLine("The worker is built and started in the background once the host has started (task hub created, worker");
        Console.WriteLine(
            "running: WorkflowHost's 'started' log line, a new task hub per launch on " +
            $"{pairs.Sum(p => p.Real.TaskHubs.Count)} launches); " +
            $"readiness does not wait for it. Worker start retries: {pairs.Sum(p => p.Real.WorkerRetries)}.");
        Console.WriteLine($"The probes ({probes.Count} fresh processes hosting AddCxWorkflows only) time, cold, resolving WorkflowHost");
        Console.WriteLine("(what the handler does before Kestrel listens) and the whole start of the worker.");
    }

    private static async Task PublishReadyToRunAsync(string root, string project, string output)
    {
        using var publish = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                "publish", Path.Combine(root, project), "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
                "-p:PublishReadyToRun=true", "-o", output, "--disable-build-servers", "--nologo", "--verbosity", "quiet",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var (stdout, stderr) = (publish.StandardOutput.ReadToEndAsync(), publish.StandardError.ReadToEndAsync());
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {project} failed: {await stdout}{await stderr}");
        }
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
            documentOptions: new System.Text.Json.JsonDocumentOptions
            {
                CommentHandling = System.Text.Json.JsonCommentHandling.Skip
            })!["Values"]!.AsObject();
        var environment = sample.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? string.Empty);
        environment["AzureWebJobsScriptRoot"] = Path.Combine(root, "functions");
        environment["AzureWebJobsStorage"] = connectionString;
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return environment;
    }
}
