using System.Text.Json.Nodes;
using CxHost.Configuration;
using CxHost.EventHubs;
using CxHost.Hosting;
using CxHost.Timers;
using CxServerless.Testing;
using Microsoft.Extensions.Logging;

namespace CxServerless.Benchmarks.Live;

/// <summary>
/// The real function app under cx-host, in-process, on Azurite: a temporary copy of <c>functions/</c> (settings from
/// local.settings.sample.json, the bench rules, workflow functions and the heartbeat disabled because nothing here
/// uses them and they would leave rows in a shared Azurite), the handler built alongside, and unique table, queue and
/// hub names. Disposing stops the host and deletes every table, queue, blob and file it made.
/// </summary>
internal sealed class LiveApp : IAsyncDisposable
{
    private static readonly string[] Disabled = ["Heartbeat"];

    private readonly AzuriteFixture _azurite;
    private readonly string _folder;
    private readonly Dictionary<string, string> _names;
    private CxHostApplication? _host;

    private LiveApp(AzuriteFixture azurite, string folder, Dictionary<string, string> names)
    {
        _azurite = azurite;
        _folder = folder;
        _names = names;
    }

    /// <summary>cx-host's address: HTTP functions under <c>api/</c>, the Event Hubs send API under <c>{hub}/messages</c>.</summary>
    public Uri BaseAddress => _host?.BaseAddress ?? throw new InvalidOperationException("Not started.");

    public string Hub => _names["CxEventHubName"];

    /// <summary>The handler process's id, or 0 while it is not running (between a crash and its restart).</summary>
    public int HandlerProcessId => _host?.Handler.ProcessId ?? 0;

    /// <summary>The number of instances (handler processes) cx-host runs.</summary>
    public int Instances => _host?.Instances.Count ?? 0;

    /// <summary>The handler process id of instance <paramref name="index"/>, or 0 while it is not running.</summary>
    public int HandlerProcessIdOf(int index) => _host?.Instances[index].Handler.ProcessId ?? 0;

    /// <summary>Error-level log entries: cx-host's own, and the handler's forwarded <c>fail:</c>/<c>crit:</c> lines.</summary>
    public ErrorCounter Errors { get; } = new();

    public string AlertsTable => _names["CxAlertsTable"];

    public static async Task<LiveApp> StartAsync(
        AzuriteFixture azurite, LiveOptions options, string[]? disabled = null, Func<string, Task>? beforeStart = null)
    {
        var root = AzuriteFixture.RepositoryRoot();
        var id = AzuriteFixture.UniqueName("cxlive");
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), id)).FullName;

        // cx-host names timer state after the app folder's parent, so a unique parent keeps this run's timers apart.
        var appRoot = CopyApp(root, Path.Combine(folder, "app"), disabled ?? Disabled, options.BatchCheckpointFrequency);
        var rules = Path.Combine(folder, "bench-rules.json");
        BenchRules.Write(Path.Combine(root, "functions", "rules", "cx-rules.v1.json"), rules);
        var names = new Dictionary<string, string>
        {
            ["CxEventHubName"] = AzuriteFixture.UniqueName("livehub"),
            ["CxEventsTable"] = AzuriteFixture.UniqueName("liveev"),
            ["CxQuarantineTable"] = AzuriteFixture.UniqueName("livequ"),
            ["CxIngestCountersTable"] = AzuriteFixture.UniqueName("liveco"),
            ["CxMetricBucketsTable"] = AzuriteFixture.UniqueName("livemb"),
            ["CxAlertsTable"] = AzuriteFixture.UniqueName("liveal"),
            ["CxBaselinesTable"] = AzuriteFixture.UniqueName("liveba"),
            ["CxLateEventsTable"] = AzuriteFixture.UniqueName("livela"),
            ["CxCustomerIndexTable"] = AzuriteFixture.UniqueName("liveci"),
            ["Workflows__TaskHub"] = "live" + Guid.NewGuid().ToString("N")[..16],
            ["CxAlertsQueue"] = AzuriteFixture.UniqueName("livealerts"),
            ["CxSentimentQueue"] = AzuriteFixture.UniqueName("livesentiment"),
            ["CxSentimentScoresTable"] = AzuriteFixture.UniqueName("livess"),
        };
        var settings = new Dictionary<string, string>(names)
        {
            ["CxRulesFile"] = rules,
            ["CxAlertSchedule"] = options.AlertSchedule,
            ["CxDevelopmentIdentities"] = "true",
        };
        var app = new LiveApp(azurite, folder, names);
        if (beforeStart is not null)
        {
            await beforeStart(names["CxEventHubName"]);
        }

        app._host = new CxHostApplication(
            new CxHostOptions
            {
                AppRoot = appRoot,
                Port = AzuriteFixture.FreePort(),
                HandlerOverride = HandlerAssembly(root),
                Storage = azurite.ConnectionString,
                EventHubPartitions = options.Partitions,
                DevelopmentRole = "Supervisor",
                ExtraSettings = settings,
                ScaleOut = new ScaleOutOptions { Instances = options.Instances },
            },
            LoggerFactory.Create(b => b
                .AddSimpleConsole(o => o.SingleLine = true)
                .AddProvider(app.Errors)
                .SetMinimumLevel(LogLevel.Warning)

                // cx-host forwards the handler's console lines at Information; the error counter must see them to count
                // the handler's own "fail:" entries (before this filter it saw none, and every soak reported 0).
                .AddFilter<ErrorCounter>(null, LogLevel.Information)));
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await app._host.StartAsync(timeout.Token);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The total of storage requests the KPI read side has made (<c>GET /api/health</c>, <c>storage.kpiReads</c>).</summary>
    public static async Task<long> KpiReadsAsync(HttpClient http)
    {
        // Health answers 503 when the heartbeat (disabled here) is stale; the counter is in the body either way.
        // The details, the counter among them, are for OpsAdmin only: ask as one through cx-host's development identity.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/health", UriKind.Relative));
        request.Headers.Add("Cookie", "cx-dev-role=OpsAdmin");
        using var response = await http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return body?["storage"]?["kpiReads"]?.GetValue<long>()
            ?? throw new InvalidOperationException($"/api/health answered {(int)response.StatusCode} without storage.kpiReads.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        var storage = _azurite.ConnectionString;
        foreach (var (setting, name) in _names)
        {
            await StorageCleanup.IgnoreMissingAsync(setting switch
            {
                "CxEventHubName" => _azurite.Tables.DeleteTableAsync(EventLog.TableNameFor(name)),
                "CxAlertsQueue" or "CxSentimentQueue" => StorageCleanup.DeleteQueueAndPoisonAsync(storage, name),
                "Workflows__TaskHub" => StorageCleanup.DeleteTaskHubAsync(storage, name),
                _ => _azurite.Tables.DeleteTableAsync(name),
            });
        }

        await StorageCleanup.DeleteBlobsContainingAsync(storage, CheckpointStore.ContainerName, $"/{Hub.ToLowerInvariant()}/");
        await StorageCleanup.DeleteBlobsContainingAsync(
            storage, TimerStatusStore.ContainerName, $"timers/{new DirectoryInfo(_folder).Name}/");
        Directory.Delete(_folder, recursive: true);
    }

    private static string CopyApp(string root, string target, string[] disabled, int? batchCheckpointFrequency)
    {
        var source = Path.Combine(root, "functions");
        Directory.CreateDirectory(target);
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(source, "host.json")))!;
        if (batchCheckpointFrequency is { } frequency)
        {
            host["extensions"]!["eventHubs"]!["batchCheckpointFrequency"] = frequency;
        }

        File.WriteAllText(Path.Combine(target, "host.json"), host.ToJsonString());
        File.Copy(Path.Combine(root, "local.settings.sample.json"), Path.Combine(target, "local.settings.json"));
        foreach (var folder in Directory.EnumerateDirectories(source).Where(d => File.Exists(Path.Combine(d, "function.json"))))
        {
            var name = Path.GetFileName(folder);
            var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "function.json")))!.AsObject();
            if (disabled.Any(d => name.StartsWith(d, StringComparison.Ordinal)))
            {
                definition["disabled"] = true;
            }

            var copy = Directory.CreateDirectory(Path.Combine(target, name));
            File.WriteAllText(Path.Combine(copy.FullName, "function.json"), definition.ToJsonString());
        }

        return target;
    }

    private static string HandlerAssembly(string root)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(root, "functions", "CxServerless.Functions", "bin", configuration, "net10.0", "CxServerless.Functions.dll");
    }
}
