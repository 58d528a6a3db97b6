using System.Globalization;
using System.Text.Json.Nodes;
using CxServerless.Testing;

namespace CxServerless.Benchmarks.ColdStart;

/// <summary>
/// Handler cold start: process start to the first answer on <c>/</c>, for the real custom handler and for an empty
/// ASP.NET Core app (benchmarks/EmptyHandler), both framework-dependent Release builds started through their apphost
/// with the same environment, alternating, in the same run. Prints median and p95 and the ratio real / empty.
/// </summary>
public sealed class ColdStartHarness : ILoadHarness
{
    /// <inheritdoc />
    public string Name => "cold-start";

    /// <inheritdoc />
    public string Description => "handler process start to first ready answer on /, vs an empty ASP.NET Core app (--runs N, default 15)";

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length == 2 && args[0] == "--runs" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
        var root = AzuriteFixture.RepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var environment = Environment(root);
        var real = new HandlerLaunch("CxServerless.Functions", Path.Combine(root, "functions", "CxServerless.Functions", "bin", configuration, "net10.0", "CxServerless.Functions"), environment);
        var empty = new HandlerLaunch("EmptyHandler (baseline)", Path.Combine(root, "benchmarks", "EmptyHandler", "bin", configuration, "net10.0", "EmptyHandler"), environment);

        // One unmeasured start each warms the OS file cache, as a deployed app's files would be.
        await real.MeasureAsync();
        await empty.MeasureAsync();
        var samples = new Dictionary<HandlerLaunch, List<double>> { [empty] = [], [real] = [] };
        for (var i = 0; i < runs; i++)
        {
            foreach (var launch in i % 2 == 0 ? new[] { empty, real } : [real, empty])
            {
                samples[launch].Add((await launch.MeasureAsync()).TotalMilliseconds);
            }
        }

        Print(samples, empty, runs, configuration);
        return 0;
    }

    private static void Print(Dictionary<HandlerLaunch, List<double>> samples, HandlerLaunch baseline, int runs, string configuration)
    {
        var baseMedian = Percentile(samples[baseline], 0.5);
        Console.WriteLine($"Handler cold start: process start -> first answer on / ({runs} runs each, alternating, {configuration}, framework-dependent apphost)");
        Console.WriteLine($"| {"Handler",-26} | {"median ms",10} | {"p95 ms",8} | {"min ms",8} | {"ratio (median)",14} |");
        Console.WriteLine($"|{new string('-', 28)}|{new string('-', 12)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 16)}|");
        foreach (var (launch, values) in samples)
        {
            var median = Percentile(values, 0.5);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {launch.Name,-26} | {median,10:0.0} | {Percentile(values, 0.95),8:0.0} | {values.Min(),8:0.0} | {median / baseMedian,14:0.00} |"));
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

    private static Dictionary<string, string> Environment(string root)
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "local.settings.sample.json")))!["Values"]!.AsObject();
        var environment = sample.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? string.Empty);
        environment["AzureWebJobsScriptRoot"] = Path.Combine(root, "functions");
        environment["AzureWebJobsStorage"] = System.Environment.GetEnvironmentVariable("CX_TEST_STORAGE") ?? AzuriteFixture.ConnectionStringFor(10000, 10001, 10002);
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return environment;
    }
}
