using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CxServerless.Testing;

namespace CxServerless.Workflows.Tests.Support;

/// <summary>
/// An Azurite of a test's own, from the repository's node_modules, on free ports and with its data on disk, so that
/// the test can stop it and start it again on the same ports with the same data.
/// </summary>
/// <remarks>
/// Stopping is a storage outage as clients see it: connections are refused until the restart. Azurite is asked to
/// stop (SIGTERM) and is killed once its three services report that they have closed, which is when it has written
/// its databases to disk; killing it outright would lose the writes of its last seconds (it saves every 5 s), which
/// real storage never does, and the test would measure Azurite rather than the workflows.
/// </remarks>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly int _blobPort;
    private readonly int _queuePort;
    private readonly int _tablePort;
    private readonly string _location;
    private Process? _node;
    private int _closed;

    private AzuriteProcess(int blobPort, int queuePort, int tablePort, string location)
    {
        (_blobPort, _queuePort, _tablePort, _location) = (blobPort, queuePort, tablePort, location);
        ConnectionString = AzuriteFixture.ConnectionStringFor(blobPort, queuePort, tablePort);
    }

    /// <summary>The connection string; it stays valid across restarts.</summary>
    public string ConnectionString { get; }

    /// <summary>Starts an Azurite on three free ports with a new data folder.</summary>
    public static async Task<AzuriteProcess> StartAsync()
    {
        var ports = new HashSet<int>();
        while (ports.Count < 3)
        {
            ports.Add(AzuriteFixture.FreePort());
        }

        var p = ports.ToArray();
        var location = Path.Combine(Path.GetTempPath(), "cx-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(location);
        var azurite = new AzuriteProcess(p[0], p[1], p[2], location);
        await azurite.RestartAsync();
        return azurite;
    }

    /// <summary>Starts Azurite (again) on the same ports and data folder and waits until all three services listen.</summary>
    public async Task RestartAsync()
    {
        var script = Path.Combine(AzuriteFixture.RepositoryRoot(), "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ('{script}' is missing). Run 'npm ci' at the repository root.");
        }

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     script, "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl", "--location", _location,
                     "--blobHost", "127.0.0.1", "--blobPort", Port(_blobPort), "--queueHost", "127.0.0.1", "--queuePort", Port(_queuePort),
                     "--tableHost", "127.0.0.1", "--tablePort", Port(_tablePort),
                 })
        {
            start.ArgumentList.Add(arg);
        }

        Volatile.Write(ref _closed, 0);
        var node = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        node.OutputDataReceived += (_, e) => OnLine(e.Data);
        node.ErrorDataReceived += (_, _) => { };
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        _node = node;

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await IsListeningAsync(_blobPort) && await IsListeningAsync(_queuePort) && await IsListeningAsync(_tablePort)))
        {
            if (node.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Azurite did not start (exited: {node.HasExited}).");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Stops Azurite: its ports refuse connections until <see cref="RestartAsync"/>; its data stays on disk.</summary>
    public async Task StopAsync()
    {
        if (_node is not { HasExited: false } node)
        {
            return;
        }

        using (var signal = Process.Start("kill", ["-TERM", node.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Volatile.Read(ref _closed) < 3 && !node.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Kill(node);
        _node = null;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (_node is { } node)
        {
            Kill(node);
            _node = null;
        }

        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is in the temp directory.
        }

        return ValueTask.CompletedTask;
    }

    private static void Kill(Process node)
    {
        if (!node.HasExited)
        {
            node.Kill(entireProcessTree: true);
            node.WaitForExit(10_000);
        }

        node.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line?.EndsWith("service successfully closed", StringComparison.Ordinal) == true)
        {
            Interlocked.Increment(ref _closed);
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
