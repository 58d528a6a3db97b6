using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CxHost.Handler;

/// <summary>
/// The running custom handler. It starts the process with <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> on a free port, waits
/// until <c>/</c> answers (any HTTP answer counts, as in the host's <c>IsWorkerReady</c>), restarts it when it dies, and
/// restarts it on request (an invocation that exceeded <c>functionTimeout</c>).
/// </summary>
public sealed class HandlerProcess(
    HandlerCommand command, IReadOnlyDictionary<string, string> environment, ILogger<HandlerProcess> logger) : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly CancellationTokenSource _stopping = new();
    private Process? _process;
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The handler's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1:1/");

    /// <summary>How many times the handler was restarted (after a crash or a timeout).</summary>
    public int Restarts { get; private set; }

    /// <summary>The current process id, or 0.</summary>
    public int ProcessId => _process is { HasExited: false } p ? p.Id : 0;

    /// <summary>Starts the handler and waits until it is ready.</summary>
    /// <exception cref="InvalidOperationException">It exited or did not answer within 60 seconds.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await LaunchAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Waits until the handler is ready (it may be restarting).</summary>
    public Task WaitReadyAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    /// <summary>Kills the handler and starts a new one, logging <paramref name="reason"/>.</summary>
    public async Task RestartAsync(string reason, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            logger.LogWarning("Restarting the handler: {Reason}", reason);
            Restarts++;
            Kill();
            await LaunchAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _gate.WaitAsync();
        try
        {
            Kill();
        }
        finally
        {
            _gate.Release();
        }

        _probe.Dispose();
        _stopping.Dispose();
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        if (_ready.Task.IsCompleted)
        {
            _ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        // The variables HttpWorkerProcess.CreateWorkerProcess sets (the app root, AzureWebJobsScriptRoot, comes with the settings).
        var portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var workerId = Guid.NewGuid().ToString();
        var env = new Dictionary<string, string>(environment)
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = portText,
            ["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = workerId,
            ["FUNCTIONS_HTTPWORKER_PORT"] = portText,
            ["FUNCTIONS_HTTPWORKER_ID"] = workerId,
        };
        var process = Process.Start(command.ToStartInfo(env))
            ?? throw new InvalidOperationException($"Could not start '{command.FileName}'.");
        process.EnableRaisingEvents = true;
        process.OutputDataReceived += (_, e) => Forward(e.Data, LogLevel.Information);
        process.ErrorDataReceived += (_, e) => Forward(e.Data, LogLevel.Warning);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        process.Exited += (_, _) => OnExited(process);

        await WaitUntilAnswersAsync(process, cancellationToken);
        logger.LogInformation("Handler ready on {Address} (pid {Pid})", BaseAddress, process.Id);
        _ready.TrySetResult();
    }

    private async Task WaitUntilAnswersAsync(Process process, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The handler exited with code {process.ExitCode} before it was ready.");
            }

            try
            {
                using var response = await _probe.GetAsync(BaseAddress, cancellationToken);
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw new InvalidOperationException(
                    $"The handler did not answer on {BaseAddress} within {ReadyTimeout.TotalSeconds:0} s.", ex);
            }
        }
    }

    private void OnExited(Process process)
    {
        if (_stopping.IsCancellationRequested || !ReferenceEquals(process, _process))
        {
            return; // stopped on purpose, or an old process replaced by a restart
        }

        _ = RestartAfterCrashAsync(process.ExitCode);
    }

    private async Task RestartAfterCrashAsync(int exitCode)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, _stopping.Token);
                await RestartAsync($"it exited with code {exitCode}", _stopping.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (InvalidOperationException ex)
            {
                logger.LogError("The handler did not come back: {Message}", ex.Message);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private void Kill()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        process.Dispose();
    }

    private void Forward(string? line, LogLevel level)
    {
        if (line is not null)
        {
            logger.Log(level, "[handler] {Line}", line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
