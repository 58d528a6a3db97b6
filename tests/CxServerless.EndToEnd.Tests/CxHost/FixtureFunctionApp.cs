using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using CxHost.Configuration;
using CxHost.Hosting;
using CxServerless.Testing;
using Microsoft.Extensions.Logging;

namespace CxServerless.EndToEnd.Tests.CxHost;

/// <summary>
/// A function app written to a temporary folder (host.json, one function.json per function, local.settings.json),
/// run by an in-process cx-host on a free port against the test Azurite, with the fixture handler as its custom handler.
/// </summary>
internal sealed class FixtureFunctionApp : IAsyncDisposable
{
    private readonly AzuriteFixture _azurite;
    private readonly string _root;
    private readonly TableClient _records;
    private readonly List<string> _queues = [];
    private CxHostApplication? _host;
    private bool _keepRecords;

    private readonly string _storage;

    public FixtureFunctionApp(AzuriteFixture azurite, JsonObject? hostExtensions = null, string functionTimeout = "00:00:30", string? recordTable = null, string? storage = null)
    {
        _azurite = azurite;
        _storage = storage ?? azurite.ConnectionString;
        _root = Path.Combine(Path.GetTempPath(), AzuriteFixture.UniqueName("cxapp"), "app");
        Directory.CreateDirectory(_root);
        RecordTable = recordTable ?? AzuriteFixture.UniqueName("records");
        _records = new TableServiceClient(_storage).GetTableClient(RecordTable);
        var host = new JsonObject
        {
            ["version"] = "2.0",
            ["functionTimeout"] = functionTimeout,
            ["customHandler"] = new JsonObject { ["description"] = new JsonObject { ["defaultExecutablePath"] = "handler/not-used" } },
            ["extensions"] = hostExtensions ?? [],
        };
        File.WriteAllText(Path.Combine(_root, "host.json"), host.ToJsonString());
    }

    public string AppRoot => _root;

    public string RecordTable { get; }

    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>cx-host's <c>--as</c>: the development role it presents (TeamLead unless a test says otherwise; null for none).</summary>
    public string? DevelopmentRole { get; set; } = "TeamLead";

    /// <summary>How many instances cx-host runs and how fast they balance (the defaults unless a test says otherwise).</summary>
    public ScaleOutOptions ScaleOut { get; set; } = new();

    public CxHostApplication Host => _host ?? throw new InvalidOperationException("Not started.");

    public HttpClient Http { get; } = new();

    /// <summary>The fixture handler's assembly, built next to this test assembly's configuration.</summary>
    public static string HandlerAssembly()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(AzuriteFixture.RepositoryRoot(), "tests", "CxHost.FixtureHandler", "bin", configuration, "net10.0", "CxHost.FixtureHandler.dll");
    }

    public FixtureFunctionApp Function(string name, JsonObject functionJson)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "function.json"), functionJson.ToJsonString());
        return this;
    }

    public string TrackQueue(string queue)
    {
        _queues.Add(queue);
        _queues.Add(queue + "-poison");
        return queue;
    }

    public async Task StartAsync(int partitions = 4)
    {
        var values = new JsonObject
        {
            ["FUNCTIONS_WORKER_RUNTIME"] = "custom",
            ["AzureWebJobsStorage"] = _storage,
            ["FixtureRecordTable"] = RecordTable,
            ["EventHubConnection"] = "Endpoint=sb://127.0.0.1/;SharedAccessKeyName=local;SharedAccessKey=local",
        };
        foreach (var (name, value) in Settings)
        {
            values[name] = value;
        }

        File.WriteAllText(Path.Combine(_root, "local.settings.json"), new JsonObject { ["IsEncrypted"] = false, ["Values"] = values }.ToJsonString());
        var options = new CxHostOptions
        {
            AppRoot = _root,
            Port = AzuriteFixture.FreePort(),
            HandlerOverride = HandlerAssembly(),
            Storage = _storage,
            EventHubPartitions = partitions,
            DevelopmentRole = DevelopmentRole,
            ScaleOut = ScaleOut,
        };
        _host = new CxHostApplication(options, LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning)));
        await _host.StartAsync(CancellationToken.None);
        Http.BaseAddress = _host.BaseAddress;
    }

    /// <summary>Leaves the record table in place on dispose, for a second app that shares it.</summary>
    public void KeepRecords() => _keepRecords = true;

    /// <summary>The envelopes the handler received for <paramref name="function"/>, oldest first.</summary>
    public async Task<List<JsonObject>> EnvelopesAsync(string function)
    {
        var envelopes = new List<JsonObject>();
        await foreach (var row in _records.QueryAsync<TableEntity>(e => e.PartitionKey == function))
        {
            var text = string.Concat(Enumerable.Range(0, row.GetInt32("Chunks") ?? 0).Select(i => row.GetString($"Envelope{i}")));
            envelopes.Add((JsonObject)JsonNode.Parse(text)!);
        }

        return envelopes;
    }

    /// <summary>The process id of the handler that received each envelope of <paramref name="function"/>, oldest first.</summary>
    public async Task<List<(JsonObject Envelope, int Pid)>> EnvelopesWithPidAsync(string function)
    {
        var envelopes = new List<(JsonObject, int)>();
        await foreach (var row in _records.QueryAsync<TableEntity>(e => e.PartitionKey == function))
        {
            var text = string.Concat(Enumerable.Range(0, row.GetInt32("Chunks") ?? 0).Select(i => row.GetString($"Envelope{i}")));
            var pid = int.Parse(row.GetString("Pid")!, System.Globalization.CultureInfo.InvariantCulture);
            envelopes.Add(((JsonObject)JsonNode.Parse(text)!, pid));
        }

        return envelopes;
    }

    /// <summary>The process ids the fixture handler started with, oldest first.</summary>
    public async Task<List<string>> HandlerStartsAsync()
    {
        var pids = new List<string>();
        await foreach (var row in _records.QueryAsync<TableEntity>(e => e.PartitionKey == "_starts"))
        {
            pids.Add(row.GetString("Pid")!);
        }

        return pids;
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value that satisfies <paramref name="done"/>, or fails after <paramref name="timeout"/>.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Http.Dispose();
        if (!_keepRecords && _storage == _azurite.ConnectionString)
        {
            await _records.DeleteAsync();
        }
        // Timer locks live under the app's own host id (its unique parent folder).
        var hosts = _azurite.Blobs.GetBlobContainerClient(global::CxHost.Timers.TimerStatusStore.ContainerName);
        if (_storage == _azurite.ConnectionString && await hosts.ExistsAsync())
        {
            var prefix = $"locks/{CxHostApplication.HostId(_root)}/";
            await foreach (var blob in hosts.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, default))
            {
                await hosts.DeleteBlobIfExistsAsync(blob.Name);
            }
        }

        foreach (var queue in _queues)
        {
            await _azurite.Queues.GetQueueClient(queue).DeleteIfExistsAsync();
        }

        Directory.Delete(Path.GetDirectoryName(_root)!, recursive: true);
    }
}
