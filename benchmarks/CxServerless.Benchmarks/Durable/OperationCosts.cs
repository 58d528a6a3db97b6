using System.Diagnostics;
using CxServerless.Benchmarks.Live;

namespace CxServerless.Benchmarks.Durable;

/// <summary>
/// Storage transactions of one orchestration run alone, by kind: a 1-activity and a 3-activity sequence, each counted
/// from just before its start to just after it completed (so the start, every episode's checkpoint and the last message
/// delete are in), several times alternating, the median taken per kind. Time-driven background, that is empty
/// receives and the lease traffic (<see cref="StorageOperationCounter.IsBackground"/>), is left out: it depends on how
/// long the window is open, not on the work. The idle rate of every kind, measured with no work, is kept for the report.
/// </summary>
internal sealed record OperationCosts(
    IReadOnlyDictionary<string, double> One,
    IReadOnlyDictionary<string, double> Three,
    IReadOnlyDictionary<string, double> IdlePerSecond,
    TimeSpan IdleWindow,
    int Samples,
    bool Deterministic,
    TimeSpan MedianLatencyThree)
{
    /// <summary>Marginal transactions per activity call, by kind: (3-activity − 1-activity) ÷ 2, background left out.</summary>
    public IReadOnlyDictionary<string, double> PerActivity => Three.Keys.Union(One.Keys)
        .Where(k => !StorageOperationCounter.IsBackground(k))
        .Select(k => (Kind: k, Count: (Three.GetValueOrDefault(k) - One.GetValueOrDefault(k)) / 2.0))
        .Where(e => e.Count != 0)
        .ToDictionary(e => e.Kind, e => e.Count, StringComparer.Ordinal);

    /// <summary>Transactions of one 3-activity orchestration, start included, background left out.</summary>
    public double PerOrchestration => Work(Three).Sum(kv => kv.Value);

    /// <summary>Transactions of one 1-activity orchestration, start included, background left out.</summary>
    public double PerOrchestrationOne => Work(One).Sum(kv => kv.Value);

    /// <summary>The 3-activity orchestration's transactions by kind, background left out.</summary>
    public IReadOnlyDictionary<string, double> ThreeWork => Work(Three).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    public static async Task<OperationCosts> MeasureAsync(string connectionString, FrameworkLogCounter logs, int samples, TimeSpan idle)
    {
        // Defaults, except a short idle poll so that each run alone does not wait up to 5 s per step for a backed-off
        // poll; only empty receives (left out) depend on it.
        await using var run = await WorkerRun.StartAsync(
            connectionString, logs, o => o.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500));
        await run.RunOneAsync("warmup", 3, TimeSpan.FromSeconds(90));

        StorageOperationCounter.Reset();
        StorageOperationCounter.Enabled = true;
        await Task.Delay(idle);
        StorageOperationCounter.Enabled = false;
        var idleRate = StorageOperationCounter.Snapshot()
            .ToDictionary(kv => kv.Key, kv => kv.Value / idle.TotalSeconds, StringComparer.Ordinal);

        var ones = new List<IReadOnlyDictionary<string, long>>();
        var threes = new List<IReadOnlyDictionary<string, long>>();
        var latencies = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            ones.Add((await CountOneAsync(run, $"one{i}", 1)).Counts);
            var (counts, latency) = await CountOneAsync(run, $"three{i}", 3);
            threes.Add(counts);
            latencies.Add(latency.TotalMilliseconds);
        }

        var deterministic = Agree(ones) && Agree(threes);
        return new OperationCosts(Median(ones), Median(threes), idleRate, idle, samples, deterministic,
            TimeSpan.FromMilliseconds(Percentiles.Of(latencies, 0.5)));
    }

    private static async Task<(IReadOnlyDictionary<string, long> Counts, TimeSpan Latency)> CountOneAsync(
        WorkerRun run, string id, int steps)
    {
        StorageOperationCounter.Reset();
        StorageOperationCounter.Enabled = true;
        var watch = Stopwatch.StartNew();
        await run.RunOneAsync(id, steps, TimeSpan.FromSeconds(60));
        var latency = watch.Elapsed;

        // The worker deletes the last control-queue message just after the checkpoint the status read saw.
        await Task.Delay(500);
        StorageOperationCounter.Enabled = false;
        return (StorageOperationCounter.Snapshot(), latency);
    }

    private static IEnumerable<KeyValuePair<string, double>> Work(IReadOnlyDictionary<string, double> counts) =>
        counts.Where(kv => !StorageOperationCounter.IsBackground(kv.Key));

    private static bool Agree(List<IReadOnlyDictionary<string, long>> samples)
    {
        var kinds = samples.SelectMany(s => s.Keys).Where(k => !StorageOperationCounter.IsBackground(k)).Distinct(StringComparer.Ordinal);
        return kinds.All(k => samples.Select(s => s.GetValueOrDefault(k)).Distinct().Count() == 1);
    }

    private static Dictionary<string, double> Median(List<IReadOnlyDictionary<string, long>> samples) =>
        samples.SelectMany(s => s.Keys).Distinct(StringComparer.Ordinal)
            .ToDictionary(k => k, k => Percentiles.Of(samples.Select(s => (double)s.GetValueOrDefault(k)), 0.5), StringComparer.Ordinal);
}
