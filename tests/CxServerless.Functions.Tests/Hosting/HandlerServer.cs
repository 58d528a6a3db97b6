using CxServerless.Functions.Invocation;
using CxServerless.Testing;
using CxServerless.Workflows;
using CxServerless.Workflows.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Functions.Tests.Hosting;

/// <summary>
/// The real handler (its Program) on real Kestrel at 127.0.0.1 on a free port, with a temporary function app root that
/// holds the product's function folders plus the test functions' folders. Requests go over real HTTP.
/// </summary>
internal sealed class HandlerServer : WebApplicationFactory<Program>
{
    private readonly string _storage;
    private readonly Dictionary<string, string> _settings;
    private readonly Action<WorkflowRegistry>? _workflows;
    private readonly Action<IServiceCollection>? _services;

    public HandlerServer(
        string storageConnectionString,
        string hostJson = DefaultHostJson,
        IReadOnlyDictionary<string, string>? settings = null,
        Action<WorkflowRegistry>? workflows = null,
        string? roster = null,
        Action<IServiceCollection>? services = null)
    {
        _storage = storageConnectionString;
        _workflows = workflows;
        _services = services;
        // Unique analytics tables unless a test names its own, so that no test writes the default tables a developer's
        // `./cx up` shows on the same Azurite.
        var merged = new Dictionary<string, string>
        {
            ["CxMetricBucketsTable"] = AzuriteFixture.UniqueName("mb"),
            ["CxLateEventsTable"] = AzuriteFixture.UniqueName("le"),
            ["CxFirstContactsTable"] = AzuriteFixture.UniqueName("fc"),
            ["CxAlertsTable"] = AzuriteFixture.UniqueName("al"),
            ["CxBaselinesTable"] = AzuriteFixture.UniqueName("bl"),
            ["CxRulesVersionsTable"] = AzuriteFixture.UniqueName("rv"),
            ["CxAlertsQueue"] = AzuriteFixture.UniqueName("alerts").ToLowerInvariant(),
            ["CxSentimentQueue"] = AzuriteFixture.UniqueName("sentiment").ToLowerInvariant(),
            ["CxSentimentScoresTable"] = AzuriteFixture.UniqueName("ss"),
            ["CxSentimentDriftTable"] = AzuriteFixture.UniqueName("sdrift"),
            // A task hub of its own, one partition, quick polling: tests never share the hosted worker's queues.
            ["Workflows:TaskHub"] = "t" + Guid.NewGuid().ToString("N")[..16],
            ["Workflows:PartitionCount"] = "1",
            ["Workflows:MaxQueuePollingInterval"] = "00:00:00.500",
            ["Workflows:DrainTimeout"] = "00:00:02",
            ["CxTasksTable"] = AzuriteFixture.UniqueName("tasks"),
            ["CxNotificationsTable"] = AzuriteFixture.UniqueName("notes"),
            ["CxConfigContainer"] = AzuriteFixture.UniqueName("config").ToLowerInvariant(),
            ["CxTeamGroupsTable"] = AzuriteFixture.UniqueName("teamgroups"),
            ["CxFalseAlarmsTable"] = AzuriteFixture.UniqueName("falsealarms"),
            ["CxHandoversTable"] = AzuriteFixture.UniqueName("handovers"),
            ["CxCustomerIndexTable"] = AzuriteFixture.UniqueName("custindex"),
            ["CxErasureRequestsTable"] = AzuriteFixture.UniqueName("erasure"),
            ["CxFeedbackLoopsTable"] = AzuriteFixture.UniqueName("feedbackloops"),
            ["CxFeedbackReportTable"] = AzuriteFixture.UniqueName("feedbackreport"),
            ["CxFeedbackQueue"] = AzuriteFixture.UniqueName("feedback").ToLowerInvariant(),
            ["CxInterventionsTable"] = AzuriteFixture.UniqueName("interventions"),
            ["CxInterventionsOutboundQueue"] = AzuriteFixture.UniqueName("ivout").ToLowerInvariant(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            merged[key] = value;
        }

        _settings = merged;
        Port = AzuriteFixture.FreePort();
        AppRoot = Directory.CreateTempSubdirectory("cx-app-").FullName;
        File.WriteAllText(Path.Combine(AppRoot, "host.json"), hostJson);
        var productRoot = Path.Combine(AzuriteFixture.RepositoryRoot(), "functions");
        foreach (var folder in Directory.EnumerateDirectories(productRoot).Where(d => File.Exists(Path.Combine(d, "function.json"))))
        {
            var target = Directory.CreateDirectory(Path.Combine(AppRoot, Path.GetFileName(folder)));
            File.Copy(Path.Combine(folder, "function.json"), Path.Combine(target.FullName, "function.json"));
        }

        foreach (var name in new[] { "EchoBatch", "EchoQueue", "EchoTimer", "Throwing", "Stuck" })
        {
            Directory.CreateDirectory(Path.Combine(AppRoot, name));
            File.WriteAllText(Path.Combine(AppRoot, name, "function.json"), """{"bindings":[]}""");
        }

        if (roster is not null)
        {
            // A test's routing file, in the app root as a deployment would ship it.
            Directory.CreateDirectory(Path.Combine(AppRoot, "rules"));
            File.WriteAllText(Path.Combine(AppRoot, "rules", "test-roster.json"), roster);
            _settings["CxRosterFile"] = "rules/test-roster.json";
        }

        UseKestrel();
    }

    // Generous, so that tests stay green on a loaded machine; the deadline test sets its own short timeout.
    public const string DefaultHostJson = """{"version":"2.0","functionTimeout":"00:01:00"}""";

    public int Port { get; }

    public string AppRoot { get; }

    public HttpClient Client()
    {
        StartServer();
        return new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("FUNCTIONS_CUSTOMHANDLER_PORT", Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("AzureWebJobsScriptRoot", AppRoot);
        builder.UseSetting("AzureWebJobsStorage", _storage);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IFunctionHandler, EchoBatchFunction>();
            services.AddSingleton<IFunctionHandler, EchoQueueFunction>();
            services.AddSingleton<IFunctionHandler, EchoTimerFunction>();
            services.AddSingleton<IFunctionHandler, ThrowingFunction>();
            services.AddSingleton<IFunctionHandler, StuckFunction>();
            if (_workflows is not null)
            {
                // Replaces the registry AddCxWorkflows made: the app's own workflows plus the test's.
                var registry = CxWorkflowCatalog.Register(new WorkflowRegistry());
                _workflows(registry);
                services.AddSingleton(registry);
            }

            // A test's own replacements (a fake clock), registered last so that they win.
            _services?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            DropAnalyticsTables();
        }

        try
        {
            Directory.Delete(AppRoot, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private void DropAnalyticsTables()
    {
        var options = new Azure.Data.Tables.TableClientOptions();
        options.Retry.MaxRetries = 0;
        var tables = new Azure.Data.Tables.TableServiceClient(_storage, options);
        var keys = new[]
        {
            "CxMetricBucketsTable", "CxLateEventsTable", "CxAlertsTable", "CxBaselinesTable", "CxRulesVersionsTable",
            "CxSentimentScoresTable",
            "CxSentimentDriftTable",
            "CxFeedbackLoopsTable", "CxFirstContactsTable", "CxFeedbackReportTable",
            "CxInterventionsTable",
        };
        foreach (var key in keys)
        {
            try
            {
                tables.DeleteTable(_settings[key]);
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or AggregateException or HttpRequestException)
            {
                // Storage unreachable (some tests point at a dead endpoint) or table never made: nothing to clean.
            }
        }

        try
        {
            new Azure.Storage.Queues.QueueClient(_storage, _settings["CxSentimentQueue"], new Azure.Storage.Queues.QueueClientOptions
            {
                Retry = { MaxRetries = 0 },
            }).DeleteIfExists();
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or AggregateException or HttpRequestException)
        {
            // As above.
        }
    }
}
