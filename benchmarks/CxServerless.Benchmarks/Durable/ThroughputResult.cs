namespace CxServerless.Benchmarks.Durable;

/// <summary>One throughput run of the sweep.</summary>
/// <param name="Setting">What was changed from the defaults.</param>
/// <param name="Options">The options as run, in short.</param>
/// <param name="Completed">3-activity orchestrations completed inside the window.</param>
/// <param name="Window">The measurement window, after the warm-up.</param>
/// <param name="LatencyP50Ms">Start to completion, median, of those completed in the window.</param>
/// <param name="LatencyP95Ms">Start to completion, 95th percentile.</param>
/// <param name="Operations">Every storage transaction of the worker and the starting client in the window, by kind.</param>
/// <param name="Failed">Instances that ended Failed or Terminated during the run.</param>
/// <param name="Stuck">Starts that failed and instances that did not complete within the per-instance timeout.</param>
/// <param name="Unfinished">Instances still in flight when the row stopped waiting for them after the window.</param>
/// <param name="StalledSeconds">Whole seconds of the window in which no orchestration completed.</param>
/// <param name="StartSeconds">Building the host to the worker running, then to the first orchestration completed (leases taken).</param>
/// <param name="ProcessCpu">This process's CPU time in the window ÷ the window (1.0 = one core busy): worker, client and lanes.</param>
/// <param name="LoadAverage">The machine's 1-minute load average at the end of the row, other processes included.</param>
internal sealed record ThroughputResult(
    string Setting,
    string Options,
    int Completed,
    TimeSpan Window,
    double LatencyP50Ms,
    double LatencyP95Ms,
    IReadOnlyDictionary<string, long> Operations,
    int Failed,
    int Stuck,
    int Unfinished,
    int StalledSeconds,
    (double Worker, double FirstOrchestration) StartSeconds,
    double ProcessCpu,
    double LoadAverage)
{
    public double PerSecond => Completed / Window.TotalSeconds;

    /// <summary>The rate over the seconds in which orchestrations completed (Azurite stalls left out).</summary>
    public double PerSecondExcludingStalls => Completed / Math.Max(1, Window.TotalSeconds - StalledSeconds);

    public double OperationsPerSecond => Operations.Values.Sum() / Window.TotalSeconds;

    /// <summary>All transactions (polls and leases included) per orchestration completed in the window.</summary>
    public double OperationsPerOrchestration => Completed == 0 ? double.NaN : Operations.Values.Sum() / (double)Completed;
}
