using System.Diagnostics;
using System.Net.Sockets;
using CxServerless.Testing;

namespace CxServerless.Benchmarks.Detection;

/// <summary>
/// An in-memory Azurite of the harness's own, on free ports, so that the storage path is not queued behind whatever
/// else the shared Azurite serves (its single Node.js thread is the bottleneck when several people test at once).
/// Stopped, by its process id, on dispose.
/// </summary>
internal sealed class PrivateAzurite : IAsyncDisposable
{
    private readonly Process _process;

    private PrivateAzurite(Process process, string connectionString)
    {
        _process = process;
        ConnectionString = connectionString;
    }

    /// <summary>The connection string of its three endpoints.</summary>
    public string ConnectionString { get; }

    /// <summary>Starts Azurite from the repository's node_modules and waits until it listens.</summary>
    public static async Task<PrivateAzurite> StartAsync(string repositoryRoot)
    {
        var (blob, queue, table) = (AzuriteFixture.FreePort(), AzuriteFixture.FreePort(), AzuriteFixture.FreePort());
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
                 {
                     Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js"), "--inMemoryPersistence",
                     "--skipApiVersionCheck", "--disableProductStyleUrl", "--silent", "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
                     "--queueHost", "127.0.0.1", "--queuePort", $"{queue}", "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await ListensAsync(blob) && await ListensAsync(queue) && await ListensAsync(table)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                process.Kill();
                throw new InvalidOperationException("The harness's Azurite did not start.");
            }

            await Task.Delay(100);
        }

        return new PrivateAzurite(process, AzuriteFixture.ConnectionStringFor(blob, queue, table));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static async Task<bool> ListensAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
