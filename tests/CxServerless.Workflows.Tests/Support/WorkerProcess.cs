using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace CxServerless.Workflows.Tests.Support;

/// <summary>
/// A <c>CxServerless.Workflows.TestWorker</c> process: the step workflows hosted with AddCxWorkflows on a task hub.
/// It says "ready" once its worker runs, stops gracefully when its stdin closes, and can be killed outright.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private const int MaxLogLines = 200;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) =>
            _ready.TrySetException(new InvalidOperationException($"The worker exited before it was ready.\n{Log}"));
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the worker wrote (its log goes to stderr), for failure messages.</summary>
    public string Log => string.Join('\n', _log);

    /// <summary>Starts a worker process; the test project's reference copies the worker next to the tests.</summary>
    /// <param name="connectionString">The storage connection string.</param>
    /// <param name="taskHub">The task hub.</param>
    /// <param name="recordsTable">The table the steps write their records to.</param>
    /// <param name="partitions">The task hub's partition count (the same in every process on the hub).</param>
    /// <param name="visibilitySeconds">
    /// The queue visibility timeout of dequeued messages; 0 keeps the provider's 5 minutes. A short one lets the messages
    /// a killed process held come back soon, but one shorter than a busy worker's backlog makes messages it prefetched
    /// reappear before it processes them.
    /// </param>
    public static WorkerProcess Start(
        string connectionString, string taskHub, string recordsTable, int partitions, int visibilitySeconds = 0)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CxServerless.Workflows.TestWorker.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The test worker is not built: {dll}");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     dll, connectionString, taskHub, recordsTable,
                     partitions.ToString(CultureInfo.InvariantCulture), visibilitySeconds.ToString(CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(arg);
        }

        return new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the test worker."));
    }

    /// <summary>Waits until the worker says "ready".</summary>
    public async Task WaitReadyAsync(int seconds = 60)
    {
        try
        {
            await _ready.Task.WaitAsync(TimeSpan.FromSeconds(seconds));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The worker was not ready in {seconds} s.\n{Log}");
        }
    }

    /// <summary>Kills the process and its children at once: no drain, no lease release.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>Closes the worker's stdin so that it stops gracefully; kills it when it has not exited in 30 s.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line == "ready")
        {
            _ready.TrySetResult();
            return;
        }

        _log.Enqueue(line);
        while (_log.Count > MaxLogLines && _log.TryDequeue(out _))
        {
        }
    }
}
