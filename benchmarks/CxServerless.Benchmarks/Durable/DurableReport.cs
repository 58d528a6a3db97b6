using CxServerless.Workflows.Hosting;

namespace CxServerless.Benchmarks.Durable;

/// <summary>Prints the durable harness's tables in plain text (the process runs with invariant globalization).</summary>
internal static class DurableReport
{
    private static readonly int[] SweepColumns = [33, 40, 8, 9, 7, 7, 8, 7, 7, 10, 7, 6, 6, 9, 14];

    public static void Print(
        string queueEndpoint,
        OperationCosts costs,
        IReadOnlyList<ThroughputResult> rows,
        CeilingResult before,
        CeilingResult after,
        FrameworkLogCounter logs,
        TimeSpan warmUp,
        TimeSpan elapsed)
    {
        Line($"Durable Task Framework worker (AddCxWorkflows, Azure Storage provider) on Azurite ({queueEndpoint}), " +
             $"{Environment.ProcessorCount} cores; defaults = {ThroughputRun.Describe(new WorkflowOptions())}");
        Line();
        PrintCosts(costs);
        Line();
        PrintSweep(rows, warmUp);
        Line();
        PrintEfficiency(costs, rows, before, after);
        Line();
        Line("  Anchors: Durable Functions on Azure Storage, one node: 23-48 five-activity orchestrations/s (115-240 activities/s);");
        Line("           the retired home-grown engine on this machine: ~25 three-activity orchestrations/s (~75 activities/s).");
        Line();
        PrintLogs(logs);
        Line($"  (run took {elapsed.TotalMinutes:0.0} min)");
    }

    private static void PrintCosts(OperationCosts costs)
    {
        Line("Storage transactions per activity call: marginal = (3-activity − 1-activity orchestration) ÷ 2, each run alone, " +
             $"median of {costs.Samples} ({(costs.Deterministic ? "all samples equal" : "samples differ")});");
        Line("counted from just before the start to just after completion; empty receives and partition/app lease traffic " +
             "(time-driven) left out.");
        Line($"  {"operation",-44} {"per activity",12} {"1-act orch",11} {"3-act orch",11}");
        var kinds = costs.Three.Keys.Union(costs.One.Keys)
            .Where(k => !StorageOperationCounter.IsBackground(k))
            .Order(StringComparer.Ordinal);
        var perActivity = costs.PerActivity;
        foreach (var kind in kinds)
        {
            var (one, three) = (costs.One.GetValueOrDefault(kind), costs.Three.GetValueOrDefault(kind));
            Line($"  {kind,-44} {perActivity.GetValueOrDefault(kind),12:0.0} {one,11:0} {three,11:0}");
        }

        Line($"  {"total",-44} {perActivity.Values.Sum(),12:0.0} {costs.PerOrchestrationOne,11:0} {costs.PerOrchestration,11:0}");
        Line($"  A 3-activity orchestration alone: {costs.MedianLatencyThree.TotalMilliseconds:0} ms from start to completed " +
             "(median; idle poll ≤ 0.5 s for this part only).");
        var idle = costs.IdlePerSecond.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value:0.00}/s");
        Line($"  Idle background with no work ({costs.IdleWindow.TotalSeconds:0} s): {string.Join("; ", idle)}");
    }

    private static void PrintSweep(IReadOnlyList<ThroughputResult> rows, TimeSpan warmUp)
    {
        var defaults = rows[0];
        var rounds = defaults.Rounds > 1 ? $" × {defaults.Rounds} rounds in alternating order, summed" : string.Empty;
        Line($"Throughput: 3-activity orchestrations, {ThroughputRun.InFlight} in flight (closed loop: each completion starts the next), " +
             $"{defaults.Window.TotalSeconds / defaults.Rounds:0} s window after {warmUp.TotalSeconds:0} s warm-up{rounds}, " +
             "a new task hub per run");
        Line($"| {"setting",-31} | {"options",-38} | {"orch/s",6} | {"w/o st.",7} | {"stall",5} | {"act/s",5} | {"vs def",6} | " +
             $"{"p50 s",5} | {"p95 s",5} | {"ops/orch",8} | {"ops/s",5} | {"cpu",4} | {"load",4} | {"start s",7} | {"fail/stk/unf",12} |");
        Line("|" + string.Join('|', SweepColumns.Select(w => new string('-', w))) + "|");
        foreach (var r in rows)
        {
            var ratio = r.PerSecond / defaults.PerSecond;
            var start = $"{r.StartSeconds.Worker:0.0}/{r.StartSeconds.FirstOrchestration:0.0}";
            var problems = $"{r.Failed}/{r.Stuck}/{r.Unfinished}";
            Line($"| {Short(r.Setting),-31} | {r.Options,-38} | {r.PerSecond,6:0.0} | {r.PerSecondExcludingStalls,7:0.0} | " +
                 $"{r.StalledSeconds,5} | {r.PerSecond * 3,5:0} | {ratio,6:0.00} | {r.LatencyP50Ms / 1000,5:0.0} | " +
                 $"{r.LatencyP95Ms / 1000,5:0.0} | {r.OperationsPerOrchestration,8:0.0} | {r.OperationsPerSecond,5:0} | " +
                 $"{r.ProcessCpu,4:0.00} | {r.LoadAverage,4:0.0} | {start,7} | {problems,12} |");
        }

        foreach (var r in rows.Where(r => r.Setting.Length > 31))
        {
            Line($"  {Short(r.Setting)} = {r.Setting}");
        }

        Line("  orch/s: completed in the window ÷ window; w/o st.: ÷ the seconds in which any completed; "
            + "stall: whole seconds with none.");
        Line("  An in-memory Azurite freezes now and then under this load (~15-25 s, with or without the framework); requests in flight");
        Line("  then may get no answer and wait out the SDK's 100 s network timeout while holding the framework's storage throttle, so");
        Line("  a freeze can stall the worker for up to ~100 s. Compare rows by w/o st. and stall;");
        Line("  use --rounds 2 before trusting a ranking.");
        Line("  ops/orch, ops/s: every transaction of the worker and the starting client in the window, polls and leases included.");
        Line("  cpu: this process's CPU (worker + client + lanes) ÷ window, 1.00 = one core; load: the machine's 1-min load average.");
        Line("  start s: building the host to the worker running / to the first orchestration completed (partition leases taken).");
        Line("  fail/stk/unf: ended Failed or Terminated / start failed or not completed within 60 s / " +
             "still in flight 20 s after the window.");
        var background = defaults.Operations.Where(kv => StorageOperationCounter.IsBackground(kv.Key)).Sum(kv => kv.Value);
        var perKind = defaults.Operations.OrderByDescending(kv => kv.Value)
            .Select(kv => $"{kv.Key} {kv.Value / (double)Math.Max(1, defaults.Completed):0.00}");
        Line($"  Defaults under load, transactions per orchestration by kind: {string.Join("; ", perKind)}");
        Line($"  (of which background: {background / (double)Math.Max(1, defaults.Completed):0.00}).");
    }

    private static void PrintEfficiency(
        OperationCosts costs, IReadOnlyList<ThroughputResult> rows, CeilingResult before, CeilingResult after)
    {
        var defaults = rows[0];
        var best = rows.MaxBy(r => r.PerSecondExcludingStalls)!;
        var ceiling = (before.OperationsPerSecond + after.OperationsPerSecond) / 2;
        var ceilingLive = (before.OperationsPerSecondExcludingStalls + after.OperationsPerSecondExcludingStalls) / 2;
        var bound = ceiling / costs.PerOrchestration;
        var boundLive = ceilingLive / costs.PerOrchestration;
        Line($"  {"measure",-66} {"raw",9} {"w/o stalls",10}");
        Line($"  {"transactions per 3-activity orchestration (start included, alone)",-66} {costs.PerOrchestration,9:0} {"",10}");
        Line($"  {$"Azurite ceiling before the sweep, ops/s ({before.Window.TotalSeconds:0} s, {before.StalledSeconds} s stalled)",-66} " +
             $"{before.OperationsPerSecond,9:0} {before.OperationsPerSecondExcludingStalls,10:0}");
        Line($"  {$"Azurite ceiling after the sweep, ops/s ({after.Window.TotalSeconds:0} s, {after.StalledSeconds} s stalled)",-66} " +
             $"{after.OperationsPerSecond,9:0} {after.OperationsPerSecondExcludingStalls,10:0}");
        Line($"    the same mix as one orchestration, replayed by {before.Callers} callers: {before.Describe()}");
        Line($"  {"storage-bound orchestrations/s (mean ceiling ÷ transactions)",-66} {bound,9:0.0} {boundLive,10:0.0}");
        Line($"  {$"measured orchestrations/s, defaults ({ThroughputRun.InFlight} in flight)",-66} " +
             $"{defaults.PerSecond,9:0.0} {defaults.PerSecondExcludingStalls,10:0.0}");
        Line($"  {"efficiency, defaults (measured ÷ storage-bound)",-66} {defaults.PerSecond / bound,9:0.00} " +
             $"{defaults.PerSecondExcludingStalls / boundLive,10:0.00}");
        Line($"  {$"best row (w/o stalls): {Short(best.Setting)}",-66} {best.PerSecond,9:0.0} {best.PerSecondExcludingStalls,10:0.0}");
        Line($"  {"efficiency, best row",-66} {best.PerSecond / bound,9:0.00} {best.PerSecondExcludingStalls / boundLive,10:0.00}");
    }

    private static void PrintLogs(FrameworkLogCounter logs)
    {
        if (logs.Entries.Count == 0)
        {
            Line($"  Logs from {logs.Minimum} up by the framework and the host: none.");
            return;
        }

        Line($"  Logs from {logs.Minimum} up by the framework and the host (count, first message):");
        foreach (var (key, (count, first)) in logs.Entries.OrderByDescending(kv => kv.Value.Count).Take(40))
        {
            Line($"    {count,6} × {key}: {(first.Length > 300 ? first[..300] + "…" : first)}");
        }
    }

    private static string Short(string setting) => setting.Length <= 31 ? setting : setting[..30] + "…";

    private static void Line(string text = "") => Console.WriteLine(text);
}
