using System.Diagnostics;

namespace CxHost.Simulator;

/// <summary>
/// Runs the traffic simulator, <c>tools/CxSim/bin/{configuration}/net10.0/cx-sim.dll --endpoint {cx-host} --hub {hub}</c>,
/// after the handler is ready, and stops it on dispose. A simulator that exits with an error is logged; cx-host keeps running.
/// </summary>
public sealed class SimulatorProcess(ILogger<SimulatorProcess> logger) : IAsyncDisposable
{
    private Process? _process;

    /// <summary>
    /// The simulator assembly for the repository at <paramref name="repositoryRoot"/>, built in cx-host's own configuration.
    /// </summary>
    public static string AssemblyPath(string repositoryRoot)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        return Path.Combine(repositoryRoot, "tools", "CxSim", "bin", configuration, "net10.0", "cx-sim.dll");
    }

    /// <summary>Starts it; logs and returns when it is not built.</summary>
    public void Start(string assembly, Uri endpoint, string hub)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!File.Exists(assembly))
        {
            logger.LogWarning("--sim: '{Assembly}' is not built; running without the simulator", assembly);
            return;
        }

        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { assembly, "--endpoint", endpoint.ToString().TrimEnd('/'), "--hub", hub })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start cx-sim.");
        process.EnableRaisingEvents = true;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { logger.LogInformation("[cx-sim] {Line}", e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { logger.LogWarning("[cx-sim] {Line}", e.Data); } };
        process.Exited += (_, _) =>
        {
            if (ReferenceEquals(_process, process) && process.ExitCode != 0)
            {
                logger.LogWarning("cx-sim exited with code {Code}; cx-host keeps running", process.ExitCode);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        logger.LogInformation("cx-sim started (pid {Pid}) sending to {Endpoint} hub '{Hub}'", process.Id, endpoint, hub);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        var process = _process;
        _process = null;
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process?.Dispose();
        return ValueTask.CompletedTask;
    }
}
