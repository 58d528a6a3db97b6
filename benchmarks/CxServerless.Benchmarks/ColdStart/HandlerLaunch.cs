using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CxServerless.Benchmarks.ColdStart;

/// <summary>
/// Starts a handler the way cx-host and the Functions host do (its executable with <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>)
/// and measures the time from process start to the first HTTP answer on <c>/</c>. For a handler that hosts the Durable
/// Task worker, each launch gets a task hub of its own (<c>Workflows__TaskHub</c>), so the worker really creates a task
/// hub and starts during the measurement, and the launch also measures the time until the worker logs that it has
/// started (event 3001 of <c>WorkflowHost</c> on the console), after the readiness answer.
/// </summary>
internal sealed class HandlerLaunch(string name, string executable, IReadOnlyDictionary<string, string> environment, bool hostsWorker)
{
    /// <summary>What <c>WorkflowHost</c> logs once the task hub exists and the worker runs.</summary>
    private const string WorkerStartedLog = "Durable Task worker started on task hub";

    /// <summary>What <c>WorkflowHost</c> logs when a start attempt failed and it will retry.</summary>
    private const string WorkerRetryLog = "Durable Task worker could not start";

    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private static readonly TimeSpan WorkerTimeout = TimeSpan.FromSeconds(30);

    private readonly List<string> _taskHubs = [];

    public string Name => name;

    public bool HostsWorker => hostsWorker;

    /// <summary>The task hubs the launches created (to delete at the end).</summary>
    public IReadOnlyList<string> TaskHubs => _taskHubs;

    /// <summary>Start attempts of the worker that failed and were retried, over all launches.</summary>
    public int WorkerRetries { get; private set; }

    /// <summary>Launches the handler once: the time to the first answer and, if it hosts the worker, to the worker running.</summary>
    public async Task<(TimeSpan Ready, TimeSpan? WorkerStarted)> MeasureAsync()
    {
        var port = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (hostsWorker)
        {
            var taskHub = "coldstart" + Guid.NewGuid().ToString("N")[..12];
            start.Environment["Workflows__TaskHub"] = taskHub;
            _taskHubs.Add(taskHub);
        }

        var uri = new Uri($"http://127.0.0.1:{port}/");
        var workerStarted = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var retries = 0;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains(WorkerStartedLog, StringComparison.Ordinal) == true)
            {
                workerStarted.TrySetResult(watch.Elapsed);
            }
            else if (e.Data?.Contains(WorkerRetryLog, StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref retries);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var ready = await WaitReadyAsync(process, uri, watch);
            if (!hostsWorker)
            {
                return (ready, null);
            }

            try
            {
                return (ready, await workerStarted.Task.WaitAsync(WorkerTimeout));
            }
            catch (TimeoutException)
            {
                throw new TimeoutException(
                    $"{name} answered but its worker did not log '{WorkerStartedLog}' within {WorkerTimeout.TotalSeconds:0} s.");
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            WorkerRetries += Volatile.Read(ref retries);
        }
    }

    private async Task<TimeSpan> WaitReadyAsync(Process process, Uri uri, Stopwatch watch)
    {
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with code {process.ExitCode} before answering.");
            }

            try
            {
                using var response = await Probe.GetAsync(uri);
                return watch.Elapsed;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(2);
            }

            if (watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"{name} did not answer within 60 s.");
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
