using System.Text.Json.Nodes;
using CxHost.Configuration;
using CxServerless.Testing;

namespace CxServerless.EndToEnd.Tests.Workflows;

/// <summary>
/// The product's function app under cx-host with a routing file of the test's own and escalation storage of its own
/// (alerts queue, task, notification, alert and false-alarm tables, config container, task hub), and the inbox API
/// calls the workflow tests share. Deletes what it made when disposed.
/// </summary>
internal sealed class EscalationApp : IAsyncDisposable
{
    private const string RosterFile = "test-roster.json";
    private readonly AzuriteFixture _azurite;
    private readonly string _appRoot;

    public EscalationApp(
        AzuriteFixture azurite, string roster, string developmentRole, IReadOnlyDictionary<string, string>? settings = null)
    {
        _azurite = azurite;
        var root = AzuriteFixture.RepositoryRoot();
        _appRoot = FunctionAppCopy.WithoutTimers(root);
        File.WriteAllText(Path.Combine(_appRoot, RosterFile), roster);
        var extra = new Dictionary<string, string>
        {
            ["CxAlertsQueue"] = AlertsQueue,
            ["CxTasksTable"] = TasksTable,
            ["CxNotificationsTable"] = NotificationsTable,
            ["CxAlertsTable"] = AlertsTable,
            ["CxFalseAlarmsTable"] = FalseAlarmsTable,
            ["CxConfigContainer"] = AzuriteFixture.UniqueName("config"),
            ["CxRosterFile"] = RosterFile,
            ["Workflows__TaskHub"] = "e2e" + Guid.NewGuid().ToString("N")[..12],
            ["Workflows__MaxQueuePollingInterval"] = "00:00:01",
            ["CxDevelopmentIdentities"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            extra[key] = value;
        }

        Options = new CxHostOptions
        {
            AppRoot = _appRoot,
            Port = AzuriteFixture.FreePort(),
            HandlerOverride = FunctionAppCopy.HandlerAssembly(root),
            Storage = azurite.ConnectionString,
            EventHubPartitions = 1,
            DevelopmentRole = developmentRole,
            ExtraSettings = extra,
        };
    }

    public string AlertsQueue { get; } = AzuriteFixture.UniqueName("alerts");

    public string TasksTable { get; } = AzuriteFixture.UniqueName("ta");

    public string NotificationsTable { get; } = AzuriteFixture.UniqueName("no");

    public string AlertsTable { get; } = AzuriteFixture.UniqueName("al");

    public string FalseAlarmsTable { get; } = AzuriteFixture.UniqueName("fa");

    public CxHostOptions Options { get; }

    /// <summary>The tasks the caller sees, optionally of one alert.</summary>
    public static async Task<List<JsonObject>> TasksAsync(HttpClient http, string? alertId = null)
    {
        var query = alertId is null ? "api/tasks?status=all&top=100" : $"api/tasks?status=all&alertId={alertId}";
        using var response = await http.GetAsync(new Uri(query, UriKind.Relative));
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }

        return [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!["tasks"]!.AsArray().Select(t => t!.AsObject())];
    }

    /// <summary>A GET that must succeed, as JSON.</summary>
    public static async Task<JsonObject> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var table in new[] { TasksTable, NotificationsTable, AlertsTable, FalseAlarmsTable })
        {
            await _azurite.Tables.DeleteTableAsync(table);
        }

        await _azurite.Queues.DeleteQueueAsync(AlertsQueue);
        Directory.Delete(_appRoot, recursive: true);
    }
}
