using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CxServerless.Workflows.Hosting;
using Microsoft.DurableTask.Client;

namespace CxServerless.Benchmarks.Durable;

/// <summary>
/// Closed-loop throughput: <see cref="InFlight"/> lanes each start a 3-activity sequence, wait for its completion signal
/// and start the next, so that 100 instances are always in flight. Completions are counted over a fixed window after a
/// warm-up; storage transactions are counted over the same window.
/// </summary>
internal static class ThroughputRun
{
    public const int InFlight = 100;

    private static readonly TimeSpan InstanceTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(20);

    public static async Task<ThroughputResult> MeasureAsync(
        string connectionString, FrameworkLogCounter logs, SweepSetting setting, TimeSpan warmUp, TimeSpan window)
    {
        await using var run = await WorkerRun.StartAsync(connectionString, logs, setting.Configure, setting.Storage);
        var leases = await run.RunOneAsync("probe", 3, TimeSpan.FromSeconds(90));

        var watch = Stopwatch.StartNew();
        var completions = new ConcurrentBag<(TimeSpan At, TimeSpan Latency)>();
        var stuck = 0;
        using var stop = new CancellationTokenSource();
        var lanes = Enumerable.Range(0, InFlight).Select(lane => Task.Run(async () =>
        {
            // Starts spread over the first second, so the lanes do not all run in step.
            await Task.Delay(TimeSpan.FromMilliseconds(lane * 1000.0 / InFlight));
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"l{lane}-{n}");
                var started = watch.Elapsed;
                try
                {
                    var done = await run.StartSequenceAsync(id, 3);
                    await done.WaitAsync(InstanceTimeout);
                    completions.Add((watch.Elapsed, watch.Elapsed - started));
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // A start that failed or an instance that did not complete in time: counted, and the lane goes on.
                    CompletionSignals.Forget(id);
                    Interlocked.Increment(ref stuck);
                }
            }
        })).ToList();

        using var tracing = new CancellationTokenSource();
        var trace = logs.Minimum < Microsoft.Extensions.Logging.LogLevel.Warning
            ? TraceAsync(completions, watch, tracing.Token)
            : Task.CompletedTask;
        await Task.Delay(warmUp);
        using var process = Process.GetCurrentProcess();
        var cpuFrom = process.TotalProcessorTime;
        StorageOperationCounter.Reset();
        StorageOperationCounter.Enabled = true;
        var from = watch.Elapsed;
        await Task.Delay(window);
        var to = watch.Elapsed;
        StorageOperationCounter.Enabled = false;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuFrom) / (to - from);
        var operations = StorageOperationCounter.Snapshot();
        await stop.CancelAsync();

        // Lanes finish the instance in hand (those that time out count as stuck); the row does not wait longer than
        // the drain limit for them, and lanes still waiting then are reported as unfinished.
        var drained = Task.WhenAll(lanes);
        await Task.WhenAny(drained, Task.Delay(DrainLimit));
        var unfinished = lanes.Count(l => !l.IsCompleted);
        await tracing.CancelAsync();
        await trace;
        var inWindow = completions.Where(c => c.At >= from && c.At < to).ToList();
        var busySeconds = inWindow.Select(c => (int)(c.At - from).TotalSeconds).Distinct().Count();
        var stalled = (int)Math.Floor((to - from).TotalSeconds) - busySeconds;
        var failed = await run.CountAsync(OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated);
        var options = run.Options;
        return new ThroughputResult(
            setting.Label,
            Describe(options),
            inWindow.Count,
            to - from,
            [.. inWindow.Select(c => c.Latency.TotalMilliseconds)],
            operations,
            failed,
            Volatile.Read(ref stuck),
            unfinished,
            Math.Max(0, stalled),
            (run.StartTime.TotalSeconds, run.StartTime.TotalSeconds + leases.TotalSeconds),
            cpu * (to - from).TotalSeconds,
            LoadAverage());
    }

    /// <summary>A diagnostic run traces completions per second, to show stalls.</summary>
    private static async Task TraceAsync(
        ConcurrentBag<(TimeSpan At, TimeSpan Latency)> completions, Stopwatch watch, CancellationToken cancellation)
    {
        var last = 0;
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
                var now = completions.Count;
                Console.Error.WriteLine($"{DateTimeOffset.Now:HH:mm:ss.fff} t={watch.Elapsed.TotalSeconds:0}s completed {now - last}/s");
                last = now;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The 1-minute load average (Linux), the machine's other work included; NaN elsewhere.</summary>
    public static double LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }

    public static string Describe(WorkflowOptions o) => string.Create(CultureInfo.InvariantCulture,
        $"P{o.PartitionCount} O{o.MaxConcurrentOrchestrations}/A{o.MaxConcurrentActivities} " +
        $"sess {(o.ExtendedSessions ? "on" : "off")} batch {o.ControlQueueBatchSize} poll {o.MaxQueuePollingInterval.TotalSeconds:0.#}s");
}
