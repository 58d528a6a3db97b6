using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using CxHost.Configuration;
using CxHost.EventHubs;
using CxHost.Hosting;
using CxHost.Timers;
using CxServerless.Testing;
using Microsoft.Extensions.Logging;

namespace CxServerless.Fault.Tests;

/// <summary>
/// The real function app under an in-process cx-host with one or more instances, on the storage account given: a
/// temporary copy of <c>functions/</c> with only ingestion, the alert evaluator and the HTTP API enabled (the other
/// timers and the escalation starter would only add load and rows), unique table, hub and task hub names, and
/// fault-test rules (10 s allowed lateness and a probe rule, so an alert follows a probe within about a minute).
/// Disposing stops cx-host and deletes what it made.
/// </summary>
internal sealed class FaultApp : IAsyncDisposable
{
    public const string ProbeRule = "probe-wait";

    private static readonly string[] Disabled =
        ["Heartbeat", "PurgeWorkflowHistory", "RetentionSweep", "WriteHandovers", "StartEscalation"];

    private readonly string _storage;
    private readonly string _folder;
    private readonly Dictionary<string, string> _names;

    private FaultApp(string storage, string folder, Dictionary<string, string> names, CxHostApplication host)
    {
        _storage = storage;
        _folder = folder;
        _names = names;
        Host = host;
    }

    public CxHostApplication Host { get; }

    public string Hub => _names["CxEventHubName"];

    public TableClient Events => Table("CxEventsTable");

    public TableClient MetricBuckets => Table("CxMetricBucketsTable");

    public TableClient Alerts => Table("CxAlertsTable");

    public TableClient LateEvents => Table("CxLateEventsTable");

    public QueueClient AlertsQueue => new QueueServiceClient(_storage).GetQueueClient(_names["CxAlertsQueue"]);

    public string TaskHub => _names["Workflows__TaskHub"];

    /// <summary>cx-host's host id (timer locks and statuses live under it).</summary>
    public string HostId => CxHostApplication.HostId(Path.Combine(_folder, "app"));

    /// <summary>Copies the app, starts cx-host with the given instances and waits until it is up.</summary>
    /// <param name="storage">The storage connection string.</param>
    /// <param name="scaleOut">Instances and their timings.</param>
    /// <param name="partitions">Event Hubs partitions.</param>
    /// <param name="alsoEnabled">Functions of the usually disabled set to enable (for example <c>Heartbeat</c>).</param>
    public static async Task<FaultApp> StartAsync(
        string storage, ScaleOutOptions scaleOut, int partitions = 4, IReadOnlyCollection<string>? alsoEnabled = null)
    {
        var root = AzuriteFixture.RepositoryRoot();
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), AzuriteFixture.UniqueName("cxfault"))).FullName;
        var appRoot = CopyApp(root, Path.Combine(folder, "app"), alsoEnabled ?? []);
        var rules = Path.Combine(folder, "fault-rules.json");
        WriteRules(Path.Combine(root, "functions", "rules", "cx-rules.v1.json"), rules);
        var names = new Dictionary<string, string>
        {
            ["CxEventHubName"] = AzuriteFixture.UniqueName("faulthub"),
            ["CxEventsTable"] = AzuriteFixture.UniqueName("faultev"),
            ["CxQuarantineTable"] = AzuriteFixture.UniqueName("faultqu"),
            ["CxIngestCountersTable"] = AzuriteFixture.UniqueName("faultco"),
            ["CxMetricBucketsTable"] = AzuriteFixture.UniqueName("faultmb"),
            ["CxAlertsTable"] = AzuriteFixture.UniqueName("faultal"),
            ["CxBaselinesTable"] = AzuriteFixture.UniqueName("faultba"),
            ["CxLateEventsTable"] = AzuriteFixture.UniqueName("faultla"),
            ["CxFirstContactsTable"] = AzuriteFixture.UniqueName("faultfc"),
            ["CxAlertsQueue"] = AzuriteFixture.UniqueName("faultalerts"),
            ["CxSentimentQueue"] = AzuriteFixture.UniqueName("faultsentiment"),
            ["CxSentimentScoresTable"] = AzuriteFixture.UniqueName("faultss"),
            ["Workflows__TaskHub"] = "fault" + Guid.NewGuid().ToString("N")[..16],
        };
        var settings = new Dictionary<string, string>(names)
        {
            ["CxRulesFile"] = rules,
            ["CxAlertSchedule"] = "*/2 * * * * *",
            ["CxDevelopmentIdentities"] = "true",
        };
        var host = new CxHostApplication(
            new CxHostOptions
            {
                AppRoot = appRoot,
                Port = AzuriteFixture.FreePort(),
                HandlerOverride = HandlerAssembly(root),
                Storage = storage,
                EventHubPartitions = partitions,
                DevelopmentRole = "OpsAdmin",
                ExtraSettings = settings,
                ScaleOut = scaleOut,
            },
            LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)));
        var app = new FaultApp(storage, folder, names, host);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await host.StartAsync(timeout.Token);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The owner id in the timer lock of <paramref name="function"/>, or null when nobody took it yet.</summary>
    public async Task<string?> TimerLockOwnerAsync(string function)
    {
        var blob = new BlobServiceClient(_storage).GetBlobContainerClient(TimerStatusStore.ContainerName)
            .GetBlobClient(TimerSingletonLock.BlobName(HostId, function));
        try
        {
            var properties = await blob.GetPropertiesAsync();
            var leased = properties.Value.LeaseState == LeaseState.Leased;
            return leased && properties.Value.Metadata.TryGetValue("FunctionInstance", out var owner)
                ? owner
                : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>When <paramref name="function"/>'s timer last ran, from its schedule status blob; null before its first run.</summary>
    public async Task<DateTimeOffset?> TimerLastRunAsync(string function) =>
        (await new TimerStatusStore(new BlobServiceClient(_storage), HostId).ReadAsync(function, CancellationToken.None))?.Last;

    /// <summary>The active owner of each partition of the ingestion function.</summary>
    public async Task<Dictionary<string, string>> PartitionOwnersAsync(TimeSpan expiration)
    {
        var prefix = OwnershipStore.Prefix("127.0.0.1", Hub, "$Default");
        var records = await new OwnershipStore(new BlobServiceClient(_storage)).ListAsync(prefix, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        return records.Where(r => r.IsActive(now, expiration)).ToDictionary(r => r.PartitionId, r => r.OwnerId, StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        var tables = new TableServiceClient(_storage);
        foreach (var (setting, name) in _names)
        {
            await StorageCleanup.IgnoreMissingAsync(setting switch
            {
                "CxEventHubName" => tables.DeleteTableAsync(EventLog.TableNameFor(name)),
                "CxAlertsQueue" or "CxSentimentQueue" => StorageCleanup.DeleteQueueAndPoisonAsync(_storage, name),
                "Workflows__TaskHub" => StorageCleanup.DeleteTaskHubAsync(_storage, name),
                _ => tables.DeleteTableAsync(name),
            });
        }

        await StorageCleanup.DeleteBlobsContainingAsync(_storage, CheckpointStore.ContainerName, $"/{Hub.ToLowerInvariant()}/");
        await StorageCleanup.DeleteBlobsContainingAsync(_storage, TimerStatusStore.ContainerName, $"/{HostId}/");
        Directory.Delete(_folder, recursive: true);
    }

    private TableClient Table(string setting) => new TableServiceClient(_storage).GetTableClient(_names[setting]);

    private static string CopyApp(string root, string target, IReadOnlyCollection<string> alsoEnabled)
    {
        var source = Path.Combine(root, "functions");
        Directory.CreateDirectory(target);
        File.Copy(Path.Combine(source, "host.json"), Path.Combine(target, "host.json"));
        File.Copy(Path.Combine(root, "local.settings.sample.json"), Path.Combine(target, "local.settings.json"));
        foreach (var folder in Directory.EnumerateDirectories(source).Where(d => File.Exists(Path.Combine(d, "function.json"))))
        {
            var name = Path.GetFileName(folder);
            var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "function.json")))!.AsObject();
            if (Disabled.Contains(name, StringComparer.Ordinal) && !alsoEnabled.Contains(name, StringComparer.Ordinal))
            {
                definition["disabled"] = true;
            }

            var copy = Directory.CreateDirectory(Path.Combine(target, name));
            File.WriteAllText(Path.Combine(copy.FullName, "function.json"), definition.ToJsonString());
        }

        return target;
    }

    /// <summary>
    /// The shipped rules with 10 s of allowed lateness and a probe rule: a 1-minute queue wait over 600 s alerts. The probe
    /// does not roll up (the shipped default would hold a probe queue's alert for 10 minutes): these tests count alerts
    /// through failover, not grouping.
    /// </summary>
    private static void WriteRules(string defaultRulesPath, string target)
    {
        var rules = JsonNode.Parse(
            File.ReadAllText(defaultRulesPath),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!
            .AsObject();
        rules["version"] = rules["version"]!.GetValue<string>() + "-fault";
        rules["eventTime"] = new JsonObject { ["allowedLateness"] = "10s", ["idleTimeout"] = "30s" };
        var list = rules["rules"]!.AsArray();
        list.Single(r => r!["id"]!.GetValue<string>() == "queue-wait")!["slices"] = new JsonArray("all");
        list.Insert(0, JsonNode.Parse($$"""
            {
              "id": "{{ProbeRule}}",
              "description": "Fault test probe: a queue whose waits exceed 10 minutes in a 1-minute window.",
              "kpi": "AverageSpeedOfAnswer",
              "slices": ["queue=*"],
              "window": { "kind": "tumbling", "size": "1m" },
              "alerting": { "k": 1, "n": 1, "cooldown": "1m", "recoverAfter": 2, "rollUp": "0s" },
              "route": { "team": "queue-supervisors", "skill": "workforce", "issueType": "queue-wait" },
              "detectors": [ { "type": "static", "upper": 600, "clearUpper": 500, "severity": "Critical", "minSamples": 3 } ]
            }
            """));
        File.WriteAllText(target, rules.ToJsonString());
    }

    private static string HandlerAssembly(string root)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(root, "functions", "CxServerless.Functions", "bin", configuration, "net10.0", "CxServerless.Functions.dll");
    }
}
