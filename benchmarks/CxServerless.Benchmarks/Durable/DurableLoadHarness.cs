using System.Globalization;
using CxServerless.Testing;
using Microsoft.Extensions.Logging;

namespace CxServerless.Benchmarks.Durable;

/// <summary>
/// The hosted Durable Task Framework worker (<c>AddCxWorkflows</c>, Azure Storage provider) on Azurite: storage
/// transactions per activity call (counted by kind, deterministic), 3-activity orchestrations per second with 100 in
/// flight under the configured defaults and a small tuning sweep, Azurite's raw ceiling for the same operation mix
/// measured in the same run, and the efficiency = throughput ÷ (ceiling ÷ transactions per orchestration).
/// </summary>
/// <remarks>
/// Options: <c>--window S</c> (measurement window per sweep row, default 30), <c>--warmup S</c> (default 6),
/// <c>--samples N</c> (counting runs per orchestration length, default 3), <c>--rounds N</c> (run the sweep N times in
/// alternating order and sum each row's rounds, default 1), <c>--quick</c> (10 s windows, defaults and one variation
/// only), <c>--only TEXT</c> (defaults and the variations whose label contains TEXT). Diagnosis:
/// <c>--log-level Information</c> counts the host's logs from that level and traces partition events, slow storage
/// requests and completions per second to stderr; <c>--ceiling-trace S [--queues-only|--tables-only]</c> runs only
/// Azurite's ceiling mix for S seconds and prints operations per second. Every task hub is new and deleted at the end.
/// </remarks>
public sealed class DurableLoadHarness : ILoadHarness
{
    /// <summary>A variation joins the combined row when it beats the defaults by this much (both without stalls).</summary>
    private const double CombineAbove = 1.05;

    /// <inheritdoc />
    public string Name => "durable";

    /// <inheritdoc />
    public string Description => "Durable Task worker: transactions per activity, orchestrations/s + sweep, efficiency vs Azurite";

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var window = TimeSpan.FromSeconds(Option(args, "--window", quick ? 10 : 30));
        var warmUp = TimeSpan.FromSeconds(Option(args, "--warmup", quick ? 5 : 6));
        var samples = (int)Option(args, "--samples", quick ? 1 : 3);
        var rounds = (int)Option(args, "--rounds", 1);
        var ceilingWindow = TimeSpan.FromSeconds(quick ? 10 : 15);
        var only = Text(args, "--only");
        var logs = new FrameworkLogCounter(Text(args, "--log-level") is { } level ? Enum.Parse<LogLevel>(level) : LogLevel.Warning);
        if (logs.Minimum < LogLevel.Warning)
        {
            StorageOperationCounter.TraceSlowerThan = TimeSpan.FromSeconds(2);
        }

        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var started = DateTimeOffset.UtcNow;
        try
        {
            if (Option(args, "--ceiling-trace", 0) is var traceSeconds and > 0)
            {
                await TraceCeilingAsync(azurite.ConnectionString, args, TimeSpan.FromSeconds(traceSeconds));
                return 0;
            }

            // A fresh Azurite (node) serves a fraction of its later rate for its first seconds of load; warm it up first.
            Progress("warming Azurite up");
            await AzuriteCeiling.MeasureAsync(azurite.ConnectionString, AzuriteCeiling.TypicalMix, ThroughputRun.InFlight, ceilingWindow);

            Progress("counting transactions of single orchestrations");
            var costs = await OperationCosts.MeasureAsync(azurite.ConnectionString, logs, samples, TimeSpan.FromSeconds(quick ? 5 : 10));

            var mix = AzuriteCeiling.MixOf(costs.ThreeWork);
            Progress("Azurite ceiling (before)");
            var before = await AzuriteCeiling.MeasureAsync(azurite.ConnectionString, mix, ThroughputRun.InFlight, ceilingWindow);

            IEnumerable<SweepSetting> variations = quick ? [SweepSetting.Variations[0]] : SweepSetting.Variations;
            if (only is not null)
            {
                variations = SweepSetting.Variations.Where(v => v.Label.Contains(only, StringComparison.OrdinalIgnoreCase));
            }

            // Rounds alternate the order (forward, backward, ...), so that drift in the machine's load hits every row alike.
            var settings = new[] { SweepSetting.Defaults }.Concat(variations).ToList();
            var rows = new Dictionary<string, ThroughputResult>(StringComparer.Ordinal);
            for (var round = 0; round < rounds; round++)
            {
                foreach (var setting in round % 2 == 0 ? settings : Enumerable.Reverse(settings))
                {
                    Progress($"throughput: {setting.Label}" + (rounds > 1 ? $" (round {round + 1} of {rounds})" : string.Empty));
                    var result = await ThroughputRun.MeasureAsync(azurite.ConnectionString, logs, setting, warmUp, window);
                    rows[setting.Label] = rows.TryGetValue(setting.Label, out var earlier) ? earlier.Add(result) : result;
                }
            }

            // The best variation of each setting that beat the defaults, all together.
            var defaults = rows[SweepSetting.Defaults.Label];
            var better = settings.Skip(1)
                .Where(v => rows[v.Label].PerSecondExcludingStalls > defaults.PerSecondExcludingStalls * CombineAbove)
                .GroupBy(v => v.Group, StringComparer.Ordinal)
                .Select(g => g.MaxBy(v => rows[v.Label].PerSecondExcludingStalls)!)
                .ToList();
            var table = settings.Select(s => rows[s.Label]).ToList();
            if (!quick && only is null && better.Count > 1)
            {
                var combined = SweepSetting.Combine(better);
                for (var round = 0; round < rounds; round++)
                {
                    Progress($"throughput: {combined.Label}");
                    var result = await ThroughputRun.MeasureAsync(azurite.ConnectionString, logs, combined, warmUp, window);
                    rows[combined.Label] = rows.TryGetValue(combined.Label, out var earlier) ? earlier.Add(result) : result;
                }

                table.Add(rows[combined.Label]);
            }

            Progress("Azurite ceiling (after)");
            var after = await AzuriteCeiling.MeasureAsync(azurite.ConnectionString, mix, ThroughputRun.InFlight, ceilingWindow);
            var queueEndpoint = azurite.ConnectionString.Split(';')
                .FirstOrDefault(p => p.StartsWith("QueueEndpoint=", StringComparison.Ordinal))?["QueueEndpoint=".Length..] ?? "?";
            DurableReport.Print(queueEndpoint, costs, table, before, after, logs, warmUp, DateTimeOffset.UtcNow - started);
            return table.Any(r => r.Failed > 0) ? 1 : 0;
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static async Task TraceCeilingAsync(string connectionString, string[] args, TimeSpan duration)
    {
        var mix = AzuriteCeiling.TypicalMix;
        var service = args.Contains("--queues-only") ? "queue" : args.Contains("--tables-only") ? "table" : string.Empty;
        var traced = mix.Where(kv => kv.Key.StartsWith(service, StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal);
        var result = await AzuriteCeiling.MeasureAsync(connectionString, traced, ThroughputRun.InFlight, duration, trace: true);
        Console.WriteLine(
            $"{result.Describe()}: {result.OperationsPerSecond:0} ops/s, {result.StalledSeconds} s of {duration.TotalSeconds:0} s stalled");
    }

    private static string? Text(string[] args, string name) =>
        Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;

    private static double Option(string[] args, string name, double fallback) =>
        Text(args, name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static void Progress(string step) => Console.Error.WriteLine($"[{DateTimeOffset.Now:HH:mm:ss}] durable: {step}");
}
