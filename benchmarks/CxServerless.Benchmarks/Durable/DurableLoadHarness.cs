using System.Globalization;
using CxServerless.Testing;

namespace CxServerless.Benchmarks.Durable;

/// <summary>
/// The hosted Durable Task Framework worker (<c>AddCxWorkflows</c>, Azure Storage provider) on Azurite: storage
/// transactions per activity call (counted by kind, deterministic), 3-activity orchestrations per second with 100 in
/// flight under the configured defaults and a small tuning sweep, Azurite's raw ceiling for the same operation mix
/// measured in the same run, and the efficiency = throughput ÷ (ceiling ÷ transactions per orchestration).
/// </summary>
/// <remarks>
/// Options: <c>--window S</c> (measurement window per sweep row, default 30), <c>--warmup S</c> (default 10),
/// <c>--samples N</c> (counting runs per orchestration length, default 3), <c>--quick</c> (10 s windows, defaults and
/// one variation only), <c>--only TEXT</c> (defaults and the variations whose label contains TEXT), <c>--ceiling</c> (Azurite's
/// rate per primitive only). Every task hub is new and deleted at the end.
/// </remarks>
public sealed class DurableLoadHarness : ILoadHarness
{
    /// <summary>A variation joins the combined row when it beats the defaults by this much.</summary>
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
        var warmUp = TimeSpan.FromSeconds(Option(args, "--warmup", quick ? 5 : 10));
        var only = Array.IndexOf(args, "--only") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        var samples = (int)Option(args, "--samples", quick ? 1 : 3);

        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        if (args.Contains("--ceiling"))
        {
            foreach (var probe in new Dictionary<string, int>[]
                     {
                         new() { ["queue put"] = 1 }, new() { ["queue put"] = 1, ["queue get"] = 1, ["queue delete"] = 1 },
                         new() { ["table batch"] = 1 }, new() { ["table write"] = 1 }, new() { ["table batch"] = 1, ["table query"] = 1 },
                     })
            {
                foreach (var callers in new[] { 10, 100 })
                {
                    var r = await AzuriteCeiling.MeasureAsync(azurite.ConnectionString, probe, callers, TimeSpan.FromSeconds(5));
                    Console.WriteLine($"{r.Describe(),-50} {callers,4} callers {r.OperationsPerSecond,8:0} ops/s");
                }
            }

            return 0;
        }

        var logs = new FrameworkLogCounter();
        var started = DateTimeOffset.UtcNow;
        try
        {
            Progress("counting transactions of single orchestrations");
            var costs = await OperationCosts.MeasureAsync(azurite.ConnectionString, logs, samples, TimeSpan.FromSeconds(quick ? 5 : 10));

            var mix = AzuriteCeiling.MixOf(costs.ThreeWork);
            Progress("Azurite ceiling (before)");
            var before = await AzuriteCeiling.MeasureAsync(azurite.ConnectionString, mix, ThroughputRun.InFlight, TimeSpan.FromSeconds(10));

            var rows = new List<ThroughputResult>();
            IEnumerable<SweepSetting> variations = quick ? [SweepSetting.Variations[0]] : SweepSetting.Variations;
            if (only is not null)
            {
                variations = SweepSetting.Variations.Where(v => v.Label.Contains(only, StringComparison.OrdinalIgnoreCase));
            }

            var settings = new[] { SweepSetting.Defaults }.Concat(variations);

            foreach (var setting in settings)
            {
                Progress($"throughput: {setting.Label}");
                rows.Add(await ThroughputRun.MeasureAsync(azurite.ConnectionString, logs, setting, warmUp, window));
            }

            var better = SweepSetting.Variations
                .Where(v => rows.FirstOrDefault(r => r.Setting == v.Label) is { } row && row.PerSecond > rows[0].PerSecond * CombineAbove)
                .ToList();
            if (!quick && only is null && better.Count > 1)
            {
                var combined = SweepSetting.Combine(better);
                Progress($"throughput: {combined.Label}");
                rows.Add(await ThroughputRun.MeasureAsync(azurite.ConnectionString, logs, combined, warmUp, window));
            }

            Progress("Azurite ceiling (after)");
            var after = await AzuriteCeiling.MeasureAsync(azurite.ConnectionString, mix, ThroughputRun.InFlight, TimeSpan.FromSeconds(10));
            DurableReport.Print(costs, rows, before, after, logs, warmUp, DateTimeOffset.UtcNow - started);
            return rows.Any(r => r.Failed > 0 || r.Stuck > 0) ? 1 : 0;
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static double Option(string[] args, string name, double fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static void Progress(string step) => Console.Error.WriteLine($"[{DateTimeOffset.Now:HH:mm:ss}] durable: {step}");
}
