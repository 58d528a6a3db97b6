using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Xunit;

namespace CxServerless.Testing;

/// <summary>
/// One real Azurite for a test run. It uses the Azurite named by <c>CX_TEST_STORAGE</c> (a connection string), else
/// one already answering on the default ports (started by <c>./cx test</c> or <c>.ci/run</c>), else starts its own from
/// the repository's <c>node_modules</c> on free ports, in memory, and stops it when the run ends.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>The well-known development account key Azurite accepts (public, not a secret).</summary>
    public const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _azurite;

    /// <summary>The connection string of the Azurite in use.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Table service client.</summary>
    public TableServiceClient Tables => new(ConnectionString);

    /// <summary>Queue service client (messages are sent as given, not base64-encoded).</summary>
    public QueueServiceClient Queues => new(ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });

    /// <summary>Blob service client.</summary>
    public BlobServiceClient Blobs => new(ConnectionString);

    /// <summary>Builds a connection string for Azurite on the given ports.</summary>
    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={DevAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    /// <summary>A name unique to this call, valid for tables, queues and containers (lower-case letters and digits, starts with a letter).</summary>
    public static string UniqueName(string prefix)
    {
        var clean = new string([.. prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        if (clean.Length == 0 || !char.IsAsciiLetter(clean[0]))
        {
            clean = "t" + clean;
        }

        var suffix = Guid.NewGuid().ToString("N")[..12];
        return (clean.Length > 40 ? clean[..40] : clean) + suffix;
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("CX_TEST_STORAGE");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = configured;
            return;
        }

        if (await IsListeningAsync(10000) && await IsListeningAsync(10001) && await IsListeningAsync(10002))
        {
            ConnectionString = ConnectionStringFor(10000, 10001, 10002);
            return;
        }

        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        var script = Path.Combine(RepositoryRoot(), "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ('{script}' is missing). Run 'npm ci' at the repository root.");
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { script, "--inMemoryPersistence", "--skipApiVersionCheck", "--disableProductStyleUrl", "--silent",
                     "--blobHost", "127.0.0.1", "--blobPort", $"{blob}", "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
                     "--tableHost", "127.0.0.1", "--tablePort", $"{table}" })
        {
            start.ArgumentList.Add(arg);
        }

        _azurite = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        _azurite.OutputDataReceived += (_, _) => { };
        _azurite.ErrorDataReceived += (_, _) => { };
        _azurite.BeginOutputReadLine();
        _azurite.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await IsListeningAsync(blob) && await IsListeningAsync(queue) && await IsListeningAsync(table)))
        {
            if (_azurite.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Azurite did not start (exited: {_azurite.HasExited}).");
            }

            await Task.Delay(100);
        }

        ConnectionString = ConnectionStringFor(blob, queue, table);
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        if (_azurite is { HasExited: false })
        {
            _azurite.Kill(entireProcessTree: true);
            _azurite.WaitForExit(10_000);
        }

        _azurite?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The repository root: the nearest folder at or above the test binaries that holds <c>CxServerless.sln</c>.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CxServerless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"CxServerless.sln not found above '{AppContext.BaseDirectory}'.");
    }

    /// <summary>A TCP port that is free on the loopback interface now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>True when something accepts a TCP connection on the loopback port within half a second.</summary>
    public static async Task<bool> IsListeningAsync(int port)
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

/// <summary>
/// The name of the xunit collection that shares one <see cref="AzuriteFixture"/> across a test assembly. xunit v2 finds
/// collection definitions only in the test assembly itself, so each test project declares
/// <c>[CollectionDefinition(AzuriteTests.Name)] public sealed class AzuriteCollectionDefinition : ICollectionFixture&lt;AzuriteFixture&gt;;</c>
/// and puts <c>[Collection(AzuriteTests.Name)]</c> on its storage tests.
/// </summary>
public static class AzuriteTests
{
    /// <summary>The collection name.</summary>
    public const string Name = "Azurite";
}
