using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CxHost.Configuration;
using CxHost.Hosting;
using CxServerless.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace CxServerless.Dashboard.Tests;

/// <summary>
/// The whole app under an in-process cx-host (real handler, real triggers, Azurite) fed with canonical events through
/// the Event Hubs send API, plus a headless Debian Chromium driven by Playwright. Started once for the collection by
/// the first test that needs it: half an hour of event-time history with an incident on queue <c>billing</c> in its
/// last part, a few late events, then a "now" stream every two seconds that advances the watermark.
/// </summary>
public sealed class DashboardApp : IAsyncLifetime, IDisposable
{
    /// <summary>The event-time history sent at start.</summary>
    public static readonly TimeSpan History = TimeSpan.FromMinutes(30);

    /// <summary>How long before "now" the incident on <c>billing</c> starts (event time).</summary>
    public static readonly TimeSpan IncidentLength = TimeSpan.FromMinutes(14);

    private const string ChromiumVariable = "CX_CHROMIUM";
    private const string DefaultChromium = "/usr/bin/chromium";

    private readonly SemaphoreSlim _start = new(1, 1);
    private readonly List<string> _tables = [];
    private readonly List<string> _queues = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly string _runId = Guid.NewGuid().ToString("N")[..8];
    private readonly ManualResetEventSlim _trafficRunning = new(true);
    private AzuriteFixture? _azurite;
    private string? _appRoot;
    private CxHostApplication? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Task? _traffic;
    private Support.ContactCentreTraffic? _events;
    private Support.EventHubSender? _sender;
    private HttpClient? _sendClient;

    /// <summary>The address cx-host serves on.</summary>
    public Uri BaseAddress => _host?.BaseAddress ?? throw new InvalidOperationException("Not started.");

    /// <summary>The alerts queue of this run, which the escalation starter (<c>StartEscalation</c>) reads.</summary>
    public string AlertsQueue { get; private set; } = string.Empty;

    /// <summary>The settings this run gave the app (its own table names among them).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; private set; } = new Dictionary<string, string>();

    /// <summary>Late events sent at start (event time 25 minutes back, after the watermark passed it).</summary>
    public int LateEventsSent { get; private set; }

    /// <summary>Starts everything on first use; later calls return at once.</summary>
    public async Task EnsureStartedAsync(AzuriteFixture azurite)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        await _start.WaitAsync();
        try
        {
            if (_host is not null)
            {
                return;
            }

            _azurite = azurite;
            await StartHostAsync(azurite);
            await SendHistoryAsync();
            _traffic = Task.Run(() => SendNowStreamAsync(_stop.Token));
            await StartBrowserAsync();
        }
        finally
        {
            _start.Release();
        }
    }

    /// <summary>Stops the "now" stream (so the figures hold still) until <see cref="ResumeTraffic"/>.</summary>
    public void PauseTraffic() => _trafficRunning.Reset();

    /// <summary>Resumes the "now" stream.</summary>
    public void ResumeTraffic() => _trafficRunning.Set();

    /// <summary>A browser page whose requests carry the development role (and team) cookies cx-host reads.</summary>
    public async Task<IPage> NewPageAsync(string? role = null, string? team = null)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1100 },
            Locale = "en-GB",
        });
        var cookies = new List<Cookie>();
        if (role is not null)
        {
            cookies.Add(new Cookie { Name = "cx-dev-role", Value = role, Url = BaseAddress.ToString() });
        }

        if (team is not null)
        {
            cookies.Add(new Cookie { Name = "cx-dev-team", Value = team, Url = BaseAddress.ToString() });
        }

        if (cookies.Count > 0)
        {
            await context.AddCookiesAsync(cookies);
        }

        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>An API client acting as <paramref name="role"/> (through cx-host's development principal).</summary>
    public HttpClient Api(string role, string? team = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var cookie = $"cx-dev-role={role}" + (team is null ? string.Empty : $"; cx-dev-team={team}");
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>
    /// Announces an alert on the alerts queue as the alert evaluator does (<c>{ alertId, event, version, alert }</c>), so
    /// that the real starter opens its escalation and task.
    /// </summary>
    public async Task AnnounceAlertAsync(string alertId, string severity, string slice, string message)
    {
        var body = new JsonObject
        {
            ["alertId"] = alertId,
            ["event"] = "opened",
            ["version"] = 1,
            ["alert"] = new JsonObject
            {
                ["id"] = alertId,
                ["severity"] = severity,
                ["kpi"] = "AverageSpeedOfAnswer",
                ["slice"] = slice,
                ["message"] = message,
                ["source"] = "detected",
                ["route"] = new JsonObject { ["issueType"] = "queue-wait" },
            },
        };
        await _azurite!.Queues.GetQueueClient(AlertsQueue).SendMessageAsync(body.ToJsonString());
    }

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _trafficRunning.Set();
        if (_traffic is not null)
        {
            await _traffic.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_azurite is not null)
        {
            try
            {
                foreach (var table in _tables)
                {
                    await _azurite.Tables.DeleteTableAsync(table);
                }

                foreach (var queue in _queues)
                {
                    await _azurite.Queues.GetQueueClient(queue).DeleteIfExistsAsync(); // sentiment: only made when text came
                }
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException { Status: 0 }
                || (ex is AggregateException all && all.InnerExceptions.All(e => e is Azure.RequestFailedException { Status: 0 })))
            {
                // xUnit disposes the collection's fixtures in no set order: when the run started its own in-memory
                // Azurite and that fixture went first, the tables and queues went with it.
            }
        }

        if (_appRoot is not null)
        {
            Directory.Delete(_appRoot, recursive: true);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _sendClient?.Dispose();
        _stop.Dispose();
        _start.Dispose();
        _trafficRunning.Dispose();
    }

    private string Table(string prefix)
    {
        var name = AzuriteFixture.UniqueName(prefix);
        _tables.Add(name);
        return name;
    }

    private async Task StartHostAsync(AzuriteFixture azurite)
    {
        var root = AzuriteFixture.RepositoryRoot();
        _appRoot = Support.AppCopy.WithoutHousekeepingTimers(root);
        var hub = AzuriteFixture.UniqueName("dashhub");
        var settings = new Dictionary<string, string>
        {
            ["CxEventHubName"] = hub,
            ["CxEventsTable"] = Table("ev"),
            ["CxQuarantineTable"] = Table("qu"),
            ["CxIngestCountersTable"] = Table("co"),
            ["CxDevelopmentIdentities"] = "true",

            // The escalation workflow's task hub and read models of this run only (the sample names the shared defaults).
            ["Workflows__TaskHub"] = "dash" + Guid.NewGuid().ToString("N")[..16],
            ["CxTasksTable"] = Table("tk"),
            ["CxNotificationsTable"] = Table("nt"),
            ["CxFalseAlarmsTable"] = Table("fa"),
            ["CxFeedbackReportTable"] = Table("fr"),
            ["CxConfigContainer"] = AzuriteFixture.UniqueName("cfg"),
        };
        foreach (var (name, value) in AnalyticsSettings())
        {
            settings[name] = value;
        }

        var alertsQueue = AzuriteFixture.UniqueName("alerts");
        _queues.Add(alertsQueue);
        settings["CxAlertsQueue"] = alertsQueue;
        AlertsQueue = alertsQueue;
        var sentimentQueue = AzuriteFixture.UniqueName("sentiment");
        _queues.Add(sentimentQueue);
        settings["CxSentimentQueue"] = sentimentQueue;
        Settings = settings;

        var options = new CxHostOptions
        {
            AppRoot = _appRoot,
            Port = AzuriteFixture.FreePort(),
            HandlerOverride = HandlerAssembly(root),
            Storage = azurite.ConnectionString,
            EventHubPartitions = 2,
            DevelopmentRole = "Supervisor",
            ExtraSettings = settings,
        };
        _host = new CxHostApplication(options, LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning)));
        await _host.StartAsync(CancellationToken.None);
        _sendClient = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        _sender = new Support.EventHubSender(_sendClient, hub);
    }

    /// <summary>The analytics settings: every table of this run only, and the alert timer every 2 s.</summary>
    private Dictionary<string, string> AnalyticsSettings() => new()
    {
        ["CxMetricBucketsTable"] = Table("mb"),
        ["CxAlertsTable"] = Table("al"),
        ["CxBaselinesTable"] = Table("bl"),
        ["CxLateEventsTable"] = Table("le"),
        ["CxFirstContactsTable"] = Table("fc"),
        ["CxSentimentScoresTable"] = Table("ss"),
        ["CxAlertSchedule"] = "*/2 * * * * *",
    };

    private async Task SendHistoryAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero) - History;
        _events = new Support.ContactCentreTraffic(_runId) { IncidentFrom = now - IncidentLength };
        var history = new List<JsonObject>();
        for (var minute = start; minute < now - TimeSpan.FromMinutes(1); minute = minute.AddMinutes(1))
        {
            history.AddRange(_events.Minute(minute));
        }

        history.AddRange(_events.Tick(now));
        await _sender!.SendAsync(history, CancellationToken.None);

        // Once the watermark (max event time − 2 min) is past them, these are late: stored, counted and listed.
        var late = Enumerable.Range(0, 2).Select(i => _events.Late(now - TimeSpan.FromMinutes(25) + TimeSpan.FromSeconds(i))).ToList();
        await _sender.SendAsync(late, CancellationToken.None);
        LateEventsSent = late.Count;
    }

    private async Task SendNowStreamAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                _trafficRunning.Wait(cancellationToken);
                await _sender!.SendAsync(_events!.Tick(DateTimeOffset.UtcNow), cancellationToken);
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException)
            {
                // cx-host busy or restarting its handler: the next tick tries again.
            }
        }
    }

    private async Task StartBrowserAsync()
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } configured ? configured : DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at '{chromium}'. "
                + $"Install Debian's chromium ('apt-get install chromium'; './cx test' does it) or set {ChromiumVariable}.");
        }

        // Generous: a loaded 2-core CI machine may take seconds per poll, never minutes.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    private static string HandlerAssembly(string root)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(root, "functions", "CxServerless.Functions", "bin", configuration, "net10.0", "CxServerless.Functions.dll");
    }
}
