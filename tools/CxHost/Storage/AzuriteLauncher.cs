using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CxHost.Storage;

/// <summary>
/// Starts Azurite from the repository's <c>node_modules</c> when nothing answers on the storage endpoints, with its
/// data under the git-ignored <c>.azurite/</c>, and stops it on dispose. An Azurite that was already running is left alone.
/// </summary>
public sealed class AzuriteLauncher(ILogger<AzuriteLauncher> logger) : IAsyncDisposable
{
    private static readonly string AzuriteScript = Path.Combine("node_modules", "azurite", "dist", "src", "azurite.js");
    private Process? _process;

    /// <summary>True when this launcher started Azurite.</summary>
    public bool Started => _process is not null;

    /// <summary>
    /// Makes sure the account in <paramref name="connectionString"/> answers; starts Azurite for a local one that does not.
    /// </summary>
    /// <exception cref="InvalidOperationException">The endpoints are remote and silent, or Azurite cannot be started.</exception>
    public async Task EnsureRunningAsync(string connectionString, string searchFrom, CancellationToken cancellationToken)
    {
        var endpoints = Endpoints(connectionString);
        if (await AllAnswerAsync(endpoints, cancellationToken))
        {
            logger.LogInformation(
                "Using the storage already answering on {Endpoints}", string.Join(", ", endpoints.Select(e => e.Authority)));
            return;
        }

        if (!endpoints.All(e => e.IsLoopback))
        {
            throw new InvalidOperationException($"Storage at {string.Join(", ", endpoints.Select(e => e.Authority))} does not answer.");
        }

        var root = FindRepositoryWithAzurite(searchFrom);
        var script = Path.Combine(root, AzuriteScript);
        var data = Path.Combine(root, ".azurite");
        Directory.CreateDirectory(data);
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { script, "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl", "--location", data,
                     "--blobHost", "127.0.0.1", "--blobPort", $"{endpoints[0].Port}",
                     "--queueHost", "127.0.0.1", "--queuePort", $"{endpoints[1].Port}",
                     "--tableHost", "127.0.0.1", "--tablePort", $"{endpoints[2].Port}" })
        {
            start.ArgumentList.Add(arg);
        }

        logger.LogInformation("Starting Azurite (data in {Data})", data);
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { logger.LogWarning("[azurite] {Line}", e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitAsync(endpoints, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            logger.LogInformation("Stopping the Azurite cx-host started");
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
        return ValueTask.CompletedTask;
    }

    /// <summary>The blob, queue and table endpoints of a connection string.</summary>
    public static IReadOnlyList<Uri> Endpoints(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        Uri Read(string key) => builder.TryGetValue(key, out var value) && Uri.TryCreate(value?.ToString(), UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"The storage connection string has no {key}.");
        return [Read("BlobEndpoint"), Read("QueueEndpoint"), Read("TableEndpoint")];
    }

    private async Task WaitAsync(IReadOnlyList<Uri> endpoints, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await AllAnswerAsync(endpoints, cancellationToken))
        {
            if (_process!.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Azurite did not start (exited: {_process.HasExited}).");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static string FindRepositoryWithAzurite(string searchFrom)
    {
        foreach (var start in new[] { searchFrom, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, AzuriteScript)))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Azurite is not installed (node_modules/azurite). Run 'npm ci' at the repository root.");
    }

    private static async Task<bool> AllAnswerAsync(IReadOnlyList<Uri> endpoints, CancellationToken cancellationToken)
    {
        foreach (var endpoint in endpoints)
        {
            try
            {
                using var client = new TcpClient();
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(500);
                var host = endpoint.Host == "localhost" ? IPAddress.Loopback.ToString() : endpoint.Host;
                await client.ConnectAsync(host, endpoint.Port, timeout.Token);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }

        return true;
    }
}
