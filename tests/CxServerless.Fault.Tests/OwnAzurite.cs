using System.Diagnostics;
using CxServerless.Testing;

namespace CxServerless.Fault.Tests;

/// <summary>
/// An Azurite of the test's own, on free ports of its own and with its data in a temporary folder, so it can be stopped
/// and started again without touching the Azurite other tests share on 10000-10002. Stopping is graceful (SIGTERM),
/// as a storage outage loses no committed data; the same ports and folder are used when it starts again.
/// </summary>
internal sealed class OwnAzurite : IAsyncDisposable
{
    private readonly string _location = Directory.CreateTempSubdirectory("cx-fault-azurite-").FullName;
    private readonly (int Blob, int Queue, int Table) _ports =
        (AzuriteFixture.FreePort(), AzuriteFixture.FreePort(), AzuriteFixture.FreePort());
    private Process? _process;

    public string ConnectionString => AzuriteFixture.ConnectionStringFor(_ports.Blob, _ports.Queue, _ports.Table);

    public async Task StartAsync()
    {
        var script = Path.Combine(AzuriteFixture.RepositoryRoot(), "node_modules", "azurite", "dist", "src", "azurite.js");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { script, "--location", _location, "--skipApiVersionCheck", "--disableProductStyleUrl", "--silent",
                     "--blobHost", "127.0.0.1", "--blobPort", $"{_ports.Blob}",
                     "--queueHost", "127.0.0.1", "--queuePort", $"{_ports.Queue}",
                     "--tableHost", "127.0.0.1", "--tablePort", $"{_ports.Table}" })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await AzuriteFixture.IsListeningAsync(_ports.Blob)
            && await AzuriteFixture.IsListeningAsync(_ports.Queue)
            && await AzuriteFixture.IsListeningAsync(_ports.Table)))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Azurite did not start (exited: {_process.HasExited}).");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Stops it with SIGTERM (Azurite then saves its data and closes its ports) and waits until it has exited.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        Directory.Delete(_location, recursive: true);
    }
}
