using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Data.Tables;
using CxServerless.Benchmarks.Durable;
using CxServerless.Benchmarks.Live;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Testing;
using CxServerless.Workflows.Escalation;
using CxServerless.Workflows.Tasks;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CxServerless.Benchmarks.Escalation;

/// <summary>
/// N alerts (500) escalated at once through the real escalation workflow on the hosted Durable Task worker
/// (<see cref="WorkerRun"/>, the handler's <c>AddCxWorkflows</c>) on Azurite, with a roster that has 25 team leads and
/// 10 supervisors on shift. Three phases, each counted with <see cref="StorageOperationCounter"/> on every storage
/// client the worker and the read models use: level 0 (start → task created and assigned), level 1 (the first SLA
/// lapses → the supervisor level) and closure (a resolve event → completed). The baseline, measured first in the same
/// run: the same number of bare 3-activity orchestrations started at once on a fresh task hub.
/// </summary>
/// <remarks>
/// Options: <c>--alerts N</c> (default 500), <c>--sla S</c> (the first level's acknowledgement SLA, default 180 s, meant to
/// be long enough that level 0 finishes for every alert before the first lapse; the table says how many had already
/// climbed when level 0 finished, since their level-1 work then counts in the level-0 column), <c>--leads N</c> (default 25).
/// "Task visible" is
/// when a poller of the Tasks table (every 250 ms, uncounted) first sees the task with an assignee, so the times carry up
/// to a quarter second plus one query of resolution.
/// </remarks>
public sealed class EscalationLoadHarness : ILoadHarness
{
    private const int StartConcurrency = 50;
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromMinutes(15);

    /// <inheritdoc />
    public string Name => "escalation";

    /// <inheritdoc />
    public string Description =>
        "500 alerts escalated at once: workflows/s, p95 alert → task visible, transactions per level, vs bare orchestrations";

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args)
    {
        var alerts = (int)Option(args, "--alerts", 500);
        var sla = TimeSpan.FromSeconds(Option(args, "--sla", 180));
        var leads = (int)Option(args, "--leads", 25);
        var logs = new FrameworkLogCounter(LogLevel.Warning);
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var started = Stopwatch.StartNew();
        try
        {
            var loadBefore = ThroughputRun.LoadAverage();
            Progress($"baseline: {alerts} bare 3-activity orchestrations at once");
            var baseline = await BaselineAsync(azurite.ConnectionString, logs, alerts);
            Progress($"escalation: {alerts} alerts at once (first-level SLA {sla.TotalSeconds:0} s)");
            var result = await EscalateAsync(azurite.ConnectionString, logs, alerts, sla, leads);
            var loadAfter = ThroughputRun.LoadAverage();
            Print(alerts, sla, leads, baseline, result, loadBefore, loadAfter, logs, started.Elapsed);
            return result.Complete ? 0 : 1;
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static async Task<double> BaselineAsync(string connectionString, FrameworkLogCounter logs, int count)
    {
        await using var run = await WorkerRun.StartAsync(connectionString, logs, _ => { });
        await run.RunOneAsync("warm-" + Guid.NewGuid().ToString("N")[..8], 1, TimeSpan.FromMinutes(2));
        var watch = Stopwatch.StartNew();
        var done = new ConcurrentBag<Task>();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = StartConcurrency }, async (i, ct) =>
                done.Add(await run.StartSequenceAsync($"base{i:D4}", 3, ct)));
        await Task.WhenAll(done).WaitAsync(PhaseTimeout);
        return count / watch.Elapsed.TotalSeconds;
    }

    private static async Task<EscalationResult> EscalateAsync(
        string connectionString, FrameworkLogCounter logs, int count, TimeSpan sla, int leads)
    {
        var counted = new TableClientOptions();
        counted.AddPolicy(new StorageOperationCounter("table"), HttpPipelinePosition.PerRetry);
        var tasksTable = "benchtasks" + Guid.NewGuid().ToString("N")[..10];
        var notesTable = "benchnotes" + Guid.NewGuid().ToString("N")[..10];
        var tasks = new TaskStore(new TableClient(connectionString, tasksTable, counted));
        var notes = new NotificationStore(new TableClient(connectionString, notesTable, counted));
        await tasks.EnsureAsync(CancellationToken.None);
        await notes.EnsureAsync(CancellationToken.None);
        var roster = BenchRoster.Create(leads, 10, sla);
        var reader = new TableClient(connectionString, tasksTable);
        try
        {
            await using var run = await WorkerRun.StartAsync(connectionString, logs, _ => { }, services: s =>
            {
                s.AddSingleton(tasks);
                s.AddSingleton(notes);
                s.AddSingleton<IRosterSource>(roster);
            });
            await run.RunOneAsync("warm-" + Guid.NewGuid().ToString("N")[..8], 1, TimeSpan.FromMinutes(2));

            var startedAt = new ConcurrentDictionary<string, TimeSpan>(StringComparer.Ordinal);
            var visibleAt = new ConcurrentDictionary<string, TimeSpan>(StringComparer.Ordinal);
            var escalatedAt = new ConcurrentDictionary<string, TimeSpan>(StringComparer.Ordinal);
            var watch = Stopwatch.StartNew();
            using var stopPolling = new CancellationTokenSource();
            var poller = PollAsync(reader, watch, visibleAt, escalatedAt, stopPolling.Token);

            StorageOperationCounter.Reset();
            StorageOperationCounter.Enabled = true;
            await Parallel.ForEachAsync(
                Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = StartConcurrency }, async (i, ct) =>
                {
                    var alertId = $"bench{i:D4}";
                    var request = new EscalationRequest(alertId, AlertSeverity.Critical, "Average speed of answer high on queue=billing",
                        "queue=billing", "AverageSpeedOfAnswer", new RoutingHint(null, null, "queue-wait"), "detected");
                    startedAt[EscalationRequest.TaskIdFor(alertId)] = watch.Elapsed;
                    await run.Client.ScheduleNewOrchestrationInstanceAsync(
                        nameof(EscalationOrchestrator),
                        request,
                        new StartOrchestrationOptions(EscalationRequest.InstanceIdFor(alertId)),
                        ct);
                });
            var allVisible = await WaitAsync(() => visibleAt.Count >= count, PhaseTimeout);
            var levelZeroSeconds = watch.Elapsed.TotalSeconds;
            var overlap = escalatedAt.Count;
            var levelZero = TakeCounts();
            Progress($"level 0 done in {levelZeroSeconds:0.0} s; waiting for the first SLA to lapse");

            var allEscalated = await WaitAsync(() => escalatedAt.Count >= count, sla + PhaseTimeout);
            var levelOne = TakeCounts();
            Progress("level 1 done; resolving every task");

            var closeWatch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(
                Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = StartConcurrency }, async (i, ct) =>
                    await run.Client.RaiseEventAsync(EscalationRequest.InstanceIdFor($"bench{i:D4}"), TaskAction.EventName,
                        new TaskAction("resolve", "sup-00", "bench"), ct));
            var allClosed = await WaitAsync(
                () => run.CountAsync(OrchestrationRuntimeStatus.Completed).GetAwaiter().GetResult() >= count + 1,
                PhaseTimeout,
                TimeSpan.FromSeconds(1));
            var closeSeconds = closeWatch.Elapsed.TotalSeconds;
            var closure = TakeCounts();
            StorageOperationCounter.Enabled = false;
            await stopPolling.CancelAsync();
            await poller;

            var latencies = visibleAt.Select(kv => (kv.Value - startedAt.GetValueOrDefault(kv.Key)).TotalSeconds).ToList();
            return new EscalationResult(
                allVisible && allEscalated && allClosed, visibleAt.Count, escalatedAt.Count, overlap, levelZeroSeconds, closeSeconds,
                Percentiles.Of(latencies, 0.5), Percentiles.Of(latencies, 0.95), latencies.Count == 0 ? double.NaN : latencies.Max(),
                levelZero, levelOne, closure);
        }
        finally
        {
            await reader.DeleteAsync();
            await new TableClient(connectionString, notesTable).DeleteAsync();
        }
    }

    private static Dictionary<string, long> TakeCounts()
    {
        var counts = StorageOperationCounter.Snapshot().Where(kv => !StorageOperationCounter.IsBackground(kv.Key))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        StorageOperationCounter.Reset();
        return counts;
    }

    private static async Task PollAsync(
        TableClient reader, Stopwatch watch, ConcurrentDictionary<string, TimeSpan> visible,
        ConcurrentDictionary<string, TimeSpan> escalated,
        CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var row in reader.QueryAsync<TableEntity>(
                                   "PartitionKey eq 'task'", select: ["RowKey", "Assignee", "Level"], cancellationToken: cancellationToken))
                {
                    var now = watch.Elapsed;
                    if (row.GetString("Assignee") is not null)
                    {
                        visible.TryAdd(row.RowKey, now);
                    }

                    if ((row.GetInt32("Level") ?? 0) >= 1)
                    {
                        escalated.TryAdd(row.RowKey, now);
                    }
                }

                await Task.Delay(250, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<bool> WaitAsync(Func<bool> condition, TimeSpan timeout, TimeSpan? every = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(100));
        }

        return true;
    }

    private static void Print(
        int count, TimeSpan sla, int leads, double baseline, EscalationResult r,
        double loadBefore, double loadAfter, FrameworkLogCounter logs,
        TimeSpan elapsed)
    {
        var rate = r.Visible / r.LevelZeroSeconds;
        Console.WriteLine(
            "Escalation workflow on the hosted Durable Task worker (AddCxWorkflows, Azure Storage provider) on Azurite, " +
            $"{Environment.ProcessorCount} cores; " +
            $"{count} critical alerts started at once ({StartConcurrency} starts in flight), " +
            $"{leads} team leads and 10 supervisors on shift, " +
            $"first-level SLA {sla.TotalSeconds:0} s");
        Console.WriteLine($"Load average (1 min): {loadBefore:0.00} before, {loadAfter:0.00} after");
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Row("escalations/s: start → task assigned and visible, all alerts", $"{rate:0.0} ({r.Visible} in {r.LevelZeroSeconds:0.0} s)");
        Row("baseline: bare 3-activity orchestrations/s, same count at once", $"{baseline:0.0}");
        Row("ratio escalations/s ÷ baseline", $"{rate / baseline:0.00}");
        Row("alert start → task visible, p50 / p95 / max", $"{r.P50:0.0} s / {r.P95:0.0} s / {r.Max:0.0} s");
        Row("level 0 (start, open task, assign, notify): transactions per escalation", PerAlert(r.LevelZero, count));
        Row("level 1 (SLA lapse → supervisor assigned, notified): transactions per escalation", PerAlert(r.LevelOne, count));
        Row("closure (resolve event → completed): transactions per escalation", PerAlert(r.Closure, count));
        Row("closure: events raised → all completed", $"{r.CloseSeconds:0.0} s");
        Row("reached level 1 / all", $"{r.Escalated} / {count}");
        Row("already at level 1 when level 0 finished (their level-1 work is in the level-0 column)", $"{r.EscalatedDuringLevelZero}");
        Console.WriteLine();
        Console.WriteLine("Transactions per escalation by kind (time-driven background left out: empty receives, lease renewals):");
        Console.WriteLine($"| {"operation",-44} | {"level 0",7} | {"level 1",7} | {"closure",7} |");
        Console.WriteLine($"|{new string('-', 46)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 9)}|");
        foreach (var kind in r.LevelZero.Keys.Union(r.LevelOne.Keys).Union(r.Closure.Keys).Order(StringComparer.Ordinal))
        {
            Console.WriteLine($"| {kind,-44} | {Per(r.LevelZero, kind, count),7:0.00} | {Per(r.LevelOne, kind, count),7:0.00} | " +
                              $"{Per(r.Closure, kind, count),7:0.00} |");
        }

        Console.WriteLine();
        var warnings = string.Join("; ", logs.Entries.Select(e => $"{e.Key} ×{e.Value.Count}"));
        Console.WriteLine(
            $"Framework warnings/errors: {(warnings.Length == 0 ? "none" : warnings)}; run took {elapsed.TotalMinutes:0.0} min.");
    }

    private static double Per(IReadOnlyDictionary<string, long> counts, string kind, int count) =>
        (double)counts.GetValueOrDefault(kind) / count;

    private static string PerAlert(IReadOnlyDictionary<string, long> counts, int count) =>
        (counts.Values.Sum() / (double)count).ToString("0.0", CultureInfo.InvariantCulture);

    private static void Row(string measure, string value) => Console.WriteLine($"| {measure} | {value} |");

    private static double Option(string[] args, string name, double fallback) =>
        Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length
            ? double.Parse(args[at + 1], CultureInfo.InvariantCulture)
            : fallback;

    private static void Progress(string step) => Console.Error.WriteLine($"[{DateTimeOffset.Now:HH:mm:ss}] escalation: {step}");

    private sealed record EscalationResult(
        bool Complete, int Visible, int Escalated, int EscalatedDuringLevelZero, double LevelZeroSeconds, double CloseSeconds,
        double P50, double P95, double Max,
        IReadOnlyDictionary<string, long> LevelZero, IReadOnlyDictionary<string, long> LevelOne, IReadOnlyDictionary<string, long> Closure);
}
