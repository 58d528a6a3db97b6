using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Functions.Security;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Testing;
using CxServerless.Workflows.Escalation;
using CxServerless.Workflows.Tasks;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Functions.Tests.Tasks;

/// <summary>
/// The real handler (<see cref="HandlerServer"/>) with the real escalation workflow hosted in it, the inbox test routing
/// file (<see cref="InboxRoster"/>) written into its app root, and tables and a config container of its own. Calls the
/// inbox functions over real HTTP with the custom-handler envelope, as the Functions host does.
/// </summary>
internal sealed class TaskInboxHost : IDisposable
{
    private const string RosterPath = "rules/inbox-test-roster.json";
    private readonly AzuriteFixture _azurite;
    private readonly Dictionary<string, string> _settings;
    private readonly HttpClient _http;

    public TaskInboxHost(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _settings = new Dictionary<string, string>
        {
            ["CxTasksTable"] = AzuriteFixture.UniqueName("tasks"),
            ["CxNotificationsTable"] = AzuriteFixture.UniqueName("notes"),
            ["CxFalseAlarmsTable"] = AzuriteFixture.UniqueName("fa"),
            ["CxConfigContainer"] = AzuriteFixture.UniqueName("cfg"),
            ["CxRosterFile"] = RosterPath,
        };
        Server = new HandlerServer(azurite.ConnectionString, settings: _settings);
        Directory.CreateDirectory(Path.Combine(Server.AppRoot, "rules"));
        File.WriteAllText(Path.Combine(Server.AppRoot, RosterPath), InboxRoster.Json);
        _http = Server.Client();
    }

    public HandlerServer Server { get; }

    public DurableTaskClient Workflows => Server.Services.GetRequiredService<DurableTaskClient>();

    public TaskStore Tasks => Server.Services.GetRequiredService<TaskStore>();

    public string AlertsTable => Server.Services.GetRequiredService<CxServerless.Functions.Analytics.AlertStore>().Table.Name;

    public string FalseAlarmsTable => _settings["CxFalseAlarmsTable"];

    /// <summary>Starts an alert's escalation as the alerts-queue starter does and waits until its task has an assignee.</summary>
    public async Task<TaskRecord> StartEscalationAsync(
        string alertId, AlertSeverity severity, string slice = "queue=billing", string? skill = null, string? kpi = "AverageSpeedOfAnswer")
    {
        var request = new EscalationRequest(alertId, severity, $"Average speed of answer high on {slice}", slice, kpi,
            new RoutingHint(null, skill, "queue-wait"), "detected");
        await Workflows.ScheduleNewOrchestrationInstanceAsync(
            nameof(EscalationOrchestrator), request, new StartOrchestrationOptions(EscalationRequest.InstanceIdFor(alertId)));
        return await WaitForTaskAsync(EscalationRequest.TaskIdFor(alertId), t => t.Assignee is not null);
    }

    /// <summary>Polls the Tasks table until the task satisfies <paramref name="condition"/>.</summary>
    public async Task<TaskRecord> WaitForTaskAsync(string taskId, Func<TaskRecord, bool> condition, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await Tasks.GetAsync(taskId, CancellationToken.None) is { } task && condition(task))
            {
                return task;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Task {taskId} did not reach the expected state in {seconds} s.");
            await Task.Delay(200);
        }
    }

    /// <summary>Polls the timeline until it satisfies <paramref name="condition"/>.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> WaitForTimelineAsync(
        string taskId, Func<IReadOnlyList<TimelineEntry>, bool> condition, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var timeline = await Tasks.TimelineAsync(taskId, CancellationToken.None);
            if (condition(timeline))
            {
                return timeline;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The timeline of {taskId} did not reach the expected state in {seconds} s.");
            await Task.Delay(200);
        }
    }

    public Task<InboxAnswer> ListAsync(Caller caller, params (string Name, string Value)[] query) =>
        InvokeAsync("TaskList", caller, "GET", null, null, query);

    public Task<InboxAnswer> GetAsync(Caller caller, string id) => InvokeAsync("TaskGet", caller, "GET", id, null);

    public Task<InboxAnswer> ActAsync(string function, Caller caller, string id, string? body = null) =>
        InvokeAsync(function, caller, "POST", id, body);

    /// <summary>Invokes an inbox function as the Functions host would for an HTTP request from <paramref name="caller"/>.</summary>
    public async Task<InboxAnswer> InvokeAsync(
        string function, Caller? caller, string method, string? id, string? body, params (string Name, string Value)[] query)
    {
        var headers = new JsonObject();
        if (caller is not null)
        {
            headers[ClientPrincipalReader.HeaderName] = new JsonArray(caller.Principal());
        }

        var queryObject = new JsonObject();
        foreach (var (name, value) in query)
        {
            queryObject[name] = value;
        }

        var envelope = new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["req"] = new JsonObject
                {
                    ["Url"] = "http://127.0.0.1:7071/api/tasks" + (id is null ? string.Empty : "/" + id),
                    ["Method"] = method,
                    ["Query"] = queryObject,
                    ["Headers"] = headers,
                    ["Params"] = id is null ? new JsonObject() : new JsonObject { ["id"] = id },
                    ["Body"] = body,
                },
            },
            ["Metadata"] = new JsonObject(),
        };
        using var response = await _http.PostAsJsonAsync(function, envelope);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var res = (await response.Content.ReadFromJsonAsync<JsonObject>())!["Outputs"]!["res"]!;
        var text = res["body"]!.GetValue<string>();
        return new InboxAnswer(res["statusCode"]!.GetValue<int>(), JsonNode.Parse(text)!.AsObject(), res["headers"]?.AsObject());
    }

    public void Dispose()
    {
        _http.Dispose();
        Server.Dispose();
        foreach (var key in new[] { "CxTasksTable", "CxNotificationsTable", "CxFalseAlarmsTable" })
        {
            try
            {
                _azurite.Tables.DeleteTable(_settings[key]);
            }
            catch (Azure.RequestFailedException)
            {
                // Never made.
            }
        }

        try
        {
            _azurite.Blobs.DeleteBlobContainer(_settings["CxConfigContainer"]);
        }
        catch (Azure.RequestFailedException)
        {
            // Never made.
        }
    }
}
