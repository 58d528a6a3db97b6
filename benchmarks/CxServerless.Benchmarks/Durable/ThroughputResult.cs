using CxServerless.Benchmarks.Live;

namespace CxServerless.Benchmarks.Durable;

/// <summary>One throughput row of the sweep: one run, or the sum of its rounds.</summary>
/// <param name="Setting">What was changed from the defaults.</param>
/// <param name="Options">The options as run, in short.</param>
/// <param name="Completed">3-activity orchestrations completed inside the window.</param>
/// <param name="Window">The measurement window, after the warm-up.</param>
/// <param name="LatenciesMs">Start to completion of each orchestration completed in the window.</param>
/// <param name="Operations">Every storage transaction of the worker and the starting client in the window, by kind.</param>
/// <param name="Failed">Instances that ended Failed or Terminated during the run.</param>
/// <param name="Stuck">Starts that failed and instances that did not complete within the per-instance timeout.</param>
/// <param name="Unfinished">Instances still in flight when the row stopped waiting for them after the window.</param>
/// <param name="StalledSeconds">Whole seconds of the window in which no orchestration completed.</param>
/// <param name="StartSeconds">Building the host to the worker running, then to the first orchestration completed.</param>
/// <param name="CpuSeconds">This process's CPU time in the window (worker, client and lanes).</param>
/// <param name="LoadAverage">The machine's 1-minute load average at the end of the run (the mean over rounds).</param>
/// <param name="Rounds">How many runs were summed.</param>
internal sealed record ThroughputResult(
    string Setting,
    string Options,
    int Completed,
    TimeSpan Window,
    IReadOnlyList<double> LatenciesMs,
    IReadOnlyDictionary<string, long> Operations,
    int Failed,
    int Stuck,
    int Unfinished,
    int StalledSeconds,
    (double Worker, double FirstOrchestration) StartSeconds,
    double CpuSeconds,
    double LoadAverage,
    int Rounds = 1)
{
    public double LatencyP50Ms => Percentiles.Of(LatenciesMs, 0.5);

    public double LatencyP95Ms => Percentiles.Of(LatenciesMs, 0.95);

    /// <summary>This process's CPU ÷ window (1.0 = one core busy).</summary>
    public double ProcessCpu => CpuSeconds / Window.TotalSeconds;

    public double PerSecond => Completed / Window.TotalSeconds;

    /// <summary>The rate over the seconds in which orchestrations completed (Azurite stalls left out).</summary>
    public double PerSecondExcludingStalls => Completed / Math.Max(1, Window.TotalSeconds - StalledSeconds);

    public double OperationsPerSecond => Operations.Values.Sum() / Window.TotalSeconds;

    /// <summary>All transactions (polls and leases included) per orchestration completed in the window.</summary>
    public double OperationsPerOrchestration => Completed == 0 ? double.NaN : Operations.Values.Sum() / (double)Completed;

    /// <summary>Adds another round of the same setting.</summary>
    public ThroughputResult Add(ThroughputResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var operations = Operations.Keys.Union(other.Operations.Keys)
            .ToDictionary(k => k, k => Operations.GetValueOrDefault(k) + other.Operations.GetValueOrDefault(k), StringComparer.Ordinal);
        return this with
        {
            Completed = Completed + other.Completed,
            Window = Window + other.Window,
            LatenciesMs = [.. LatenciesMs, .. other.LatenciesMs],
            Operations = operations,
            Failed = Failed + other.Failed,
            Stuck = Stuck + other.Stuck,
            Unfinished = Unfinished + other.Unfinished,
            StalledSeconds = StalledSeconds + other.StalledSeconds,
            CpuSeconds = CpuSeconds + other.CpuSeconds,
            LoadAverage = ((LoadAverage * Rounds) + (other.LoadAverage * other.Rounds)) / (Rounds + other.Rounds),
            Rounds = Rounds + other.Rounds,
        };
    }
}
