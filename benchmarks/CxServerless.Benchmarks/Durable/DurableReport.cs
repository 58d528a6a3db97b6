using System.Globalization;
using CxServerless.Workflows.Hosting;

namespace CxServerless.Benchmarks.Durable;

/// <summary>Prints the durable harness's tables: plain text, invariant culture, as the other harnesses do.</summary>
internal static class DurableReport
{
    private static readonly int[] SweepColumns = [36, 40, 8, 7, 8, 7, 7, 10, 7, 6, 6, 9, 18];

    public static void Print(
        OperationCosts costs,
        IReadOnlyList<ThroughputResult> rows,
        CeilingResult before,
        CeilingResult after,
        FrameworkLogCounter logs,
        TimeSpan warmUp,
        TimeSpan elapsed)
    {
        var defaults = rows[0];
        Line($"Durable Task Framework worker (AddCxWorkflows, Azure Storage provider) on Azurite; {Environment.ProcessorCount} cores; " +
             $"defaults = {ThroughputRun.Describe(new WorkflowOptions())}");
        Line();
        PrintCosts(costs);
        Line();
        PrintSweep(rows, warmUp);
        Line();

        var ceiling = (before.OperationsPerSecond + after.OperationsPerSecond) / 2;
        var bound = ceiling / costs.PerOrchestration;
        var best = rows.MaxBy(r => r.PerSecond)!;
        Line($"  {"measure",-64} {"value",10}");
        Line($"  {"transactions per 3-activity orchestration (start included, alone)",-64} {costs.PerOrchestration,10:0}");
        var ceilings = $"{before.OperationsPerSecond:0} / {after.OperationsPerSecond:0}";
        Line($"  {"Azurite raw ceiling, ops/s (before / after the sweep)",-64} {ceilings,10}");
        Line($"    mix replayed per cycle ({before.Callers} callers): {before.Describe()}");
        Line($"  {"storage-bound orchestrations/s (mean ceiling ÷ transactions)",-64} {bound,10:0.0}");
        Line($"  {$"measured orchestrations/s, defaults ({ThroughputRun.InFlight} in flight)",-64} {defaults.PerSecond,10:0.0}");
        Line($"  {"efficiency, defaults (measured ÷ storage-bound)",-64} {defaults.PerSecond / bound,10:0.00}");
        Line($"  {$"best: {best.Setting}",-64} {best.PerSecond,10:0.0}");
        Line($"  {"efficiency, best",-64} {best.PerSecond / bound,10:0.00}");
        Line();
        Line("  Anchors: Durable Functions on Azure Storage, one node: 23-48 five-activity orchestrations/s (115-240 activities/s);");
        Line("           the retired home-grown engine on this machine: ~25 three-activity orchestrations/s (~75 activities/s).");
        Line();
        PrintLogs(logs);
        Line(string.Create(CultureInfo.InvariantCulture, $"  (run took {elapsed.TotalMinutes:0.0} min)"));
    }

    private static void PrintCosts(OperationCosts costs)
    {
        Line($"Storage transactions per activity call: marginal = (3-activity − 1-activity orchestration) ÷ 2, each run alone, " +
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
        Line($"  3-activity orchestration alone: {costs.MedianLatencyThree.TotalMilliseconds:0} ms start to completed " +
             "(median; idle poll ≤ 0.5 s).");
        var idle = costs.IdlePerSecond.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value:0.00}/s");
        Line($"  Idle background, no work ({costs.IdleWindow.TotalSeconds:0} s, poll ≤ 0.5 s): {string.Join("; ", idle)}");
    }

    private static void PrintSweep(IReadOnlyList<ThroughputResult> rows, TimeSpan warmUp)
    {
        var defaults = rows[0];
        Line($"Throughput: 3-activity orchestrations, {ThroughputRun.InFlight} in flight (closed loop: each completion starts the next), " +
             $"{defaults.Window.TotalSeconds:0} s window after {warmUp.TotalSeconds:0} s warm-up, a new task hub per row");
        Line($"| {"setting",-34} | {"options",-38} | {"orch/s",6} | {"act/s",5} | {"vs def",6} | {"p50 s",5} | {"p95 s",5} | " +
             $"{"ops/orch",8} | {"ops/s",5} | {"cpu",4} | {"load",4} | {"start s",7} | {"fail/stuck/unfin",16} |");
        Line("|" + string.Join('|', SweepColumns.Select(w => new string('-', w))) + "|");
        foreach (var r in rows)
        {
            var start = $"{r.StartSeconds.Worker:0.0}/{r.StartSeconds.FirstOrchestration:0.0}";
            var problems = $"{r.Failed}/{r.Stuck}/{r.Unfinished}";
            var ratio = r.PerSecond / defaults.PerSecond;
            Line($"| {r.Setting,-34} | {r.Options,-38} | {r.PerSecond,6:0.0} | {r.PerSecond * 3,5:0} | {ratio,6:0.00} | " +
                 $"{r.LatencyP50Ms / 1000,5:0.0} | {r.LatencyP95Ms / 1000,5:0.0} | {r.OperationsPerOrchestration,8:0.0} | " +
                 $"{r.OperationsPerSecond,5:0} | {r.ProcessCpu,4:0.00} | {r.LoadAverage,4:0.0} | {start,7} | {problems,16} |");
        }

        Line("  ops/orch and ops/s: every transaction of the worker and the starting client in the window, polls and leases included.");
        Line("  cpu: this process's CPU (worker + client + lanes) ÷ window, 1.00 = one core; " +
             "load: the machine's 1-min load average at the row's end.");
        Line("  start s: building the host to the worker running / to the first orchestration completed (partition leases taken).");
        Line("  fail/stuck/unfin: ended Failed or Terminated / start failed or not completed within 60 s / " +
             "still in flight 20 s after the window.");
        var background = defaults.Operations.Where(kv => StorageOperationCounter.IsBackground(kv.Key)).Sum(kv => kv.Value);
        Line($"  defaults row, by kind per orchestration: {string.Join("; ", defaults.Operations.OrderByDescending(kv => kv.Value)
            .Select(kv => $"{kv.Key} {kv.Value / (double)Math.Max(1, defaults.Completed):0.00}"))}");
        Line($"  (of which background: {background / (double)Math.Max(1, defaults.Completed):0.00} per orchestration)");
    }

    private static void PrintLogs(FrameworkLogCounter logs)
    {
        if (logs.Entries.Count == 0)
        {
            Line("  Warnings and errors logged by the framework and the host: none.");
            return;
        }

        Line("  Warnings and errors logged by the framework and the host (count, first message):");
        foreach (var (key, (count, first)) in logs.Entries.OrderByDescending(kv => kv.Value.Count))
        {
            Line($"    {count,6} × {key}: {(first.Length > 300 ? first[..300] + "…" : first)}");
        }
    }

    private static void Line(string text = "") => Console.WriteLine(text);
}
