using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CxServerless.Domain.Access;
using CxServerless.Functions.Security;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Testing;
using CxServerless.Workflows.Escalation;
using CxServerless.Workflows.Tasks;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Functions.Tests.Escalation;

/// <summary>
/// The escalation starter and the roster API through the real handler over real HTTP, with the Durable Task worker
/// hosted in it: alert messages delivered as the Functions host delivers queue messages (double-encoded, with metadata).
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class EscalationHandlerTests(AzuriteFixture azurite)
{
    private static JsonObject AlertMessage(string alertId, string kind, string severity = "Critical") => new()
    {
        ["alertId"] = alertId,
        ["event"] = kind,
        ["version"] = 1,
        ["alert"] = new JsonObject
        {
            ["id"] = alertId,
            ["kpi"] = "AverageSpeedOfAnswer",
            ["slice"] = "queue=billing",
            ["severity"] = severity,
            ["message"] = "Average speed of answer 95 s on queue=billing (normal 20-40 s)",
            ["route"] = new JsonObject { ["team"] = "queue-supervisors", ["issueType"] = "queue-wait" },
        },
    };

    private static async Task<HttpResponseMessage> DeliverAsync(HttpClient http, JsonObject message, int dequeueCount = 1) =>
        await http.PostAsJsonAsync("StartEscalation", new JsonObject
        {
            ["Data"] = new JsonObject { ["message"] = JsonSerializer.Serialize(message.ToJsonString()) },
            ["Metadata"] = new JsonObject
            {
                ["DequeueCount"] = dequeueCount.ToString(CultureInfo.InvariantCulture),
                ["Id"] = JsonSerializer.Serialize(Guid.NewGuid().ToString()),
            },
        });

    private static async Task<TaskRecord> WaitForTaskAsync(TaskStore tasks, string taskId, Func<TaskRecord, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await tasks.GetAsync(taskId, CancellationToken.None) is { } task && condition(task))
            {
                return task;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Task {taskId} did not reach the expected state in 60 s.");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task An_alert_delivered_three_times_makes_one_workflow_and_one_task_and_its_resolution_closes_the_task()
    {
        using var server = new HandlerServer(azurite.ConnectionString, roster: TestRosters.AroundTheClock);
        using var http = server.Client();
        var tasks = server.Services.GetRequiredService<TaskStore>();
        var client = server.Services.GetRequiredService<DurableTaskClient>();
        var alertId = Guid.NewGuid().ToString("N");

        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(http, AlertMessage(alertId, "opened"), i)).StatusCode);
        }

        var task = await WaitForTaskAsync(tasks, EscalationRequest.TaskIdFor(alertId), t => t.Assignee is not null);
        Assert.Equal(("lead-1", "billing", "Critical"), (task.Assignee, task.Team, task.Severity));
        Assert.Single(await tasks.ListAsync(CancellationToken.None));
        var instances = new List<OrchestrationMetadata>();
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery()))
        {
            instances.Add(instance);
        }

        Assert.Equal([EscalationRequest.InstanceIdFor(alertId)], instances.Select(i => i.InstanceId));

        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(http, AlertMessage(alertId, "resolved"))).StatusCode);
        var closed = await WaitForTaskAsync(tasks, task.TaskId, t => t.IsClosed);
        Assert.Equal("alertResolved", closed.Closure);
        var done = await client.WaitForInstanceCompletionAsync(EscalationRequest.InstanceIdFor(alertId)).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);

        // The same opening delivered again after the escalation ended starts nothing.
        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(http, AlertMessage(alertId, "opened"), 4)).StatusCode);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await client.GetInstanceAsync(done.InstanceId))!.RuntimeStatus);
        Assert.Single(await tasks.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_message_that_is_not_an_alert_transition_fails_so_the_host_retries_and_poisons_it()
    {
        using var server = new HandlerServer(azurite.ConnectionString, roster: TestRosters.AroundTheClock);
        using var http = server.Client();

        var notJson = await http.PostAsJsonAsync("StartEscalation", new JsonObject
        {
            ["Data"] = new JsonObject { ["message"] = JsonSerializer.Serialize("not json") },
            ["Metadata"] = new JsonObject { ["DequeueCount"] = "1", ["Id"] = "\"m1\"" },
        });
        var badSeverity = await DeliverAsync(http, AlertMessage("abc", "opened", severity: "Apocalyptic"));

        Assert.Equal(HttpStatusCode.InternalServerError, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, badSeverity.StatusCode);
        Assert.Contains("severity", await badSeverity.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await server.Services.GetRequiredService<TaskStore>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task OpsAdmin_reads_and_replaces_the_roster_and_an_invalid_file_changes_nothing()
    {
        using var server = new HandlerServer(azurite.ConnectionString, roster: TestRosters.AroundTheClock);
        using var http = server.Client();

        var current = await InvokeAsync(http, "RosterGet", CxRoles.OpsAdmin, "GET", null);
        Assert.Equal((200, "test-1"), (current.Status, current.Body["version"]!.GetValue<string>()));
        Assert.Equal(403, (await InvokeAsync(http, "RosterGet", CxRoles.Supervisor, "GET", null)).Status);
        Assert.Equal(403, (await InvokeAsync(http, "RosterReplace", CxRoles.Supervisor, "PUT", TestRosters.AroundTheClock)).Status);

        var invalid = await InvokeAsync(http, "RosterReplace", CxRoles.OpsAdmin, "PUT",
            TestRosters.AroundTheClock.Replace("\"test-1\"", "\"test-2\"", StringComparison.Ordinal)
                .Replace("\"00:00\"", "\"midnight\"", StringComparison.Ordinal));
        Assert.Equal(422, invalid.Status);
        Assert.Contains(invalid.Body["errors"]!.AsArray(), e => e!.GetValue<string>().StartsWith("people[0].shift.start", StringComparison.Ordinal));
        Assert.Equal("test-1", (await InvokeAsync(http, "RosterGet", CxRoles.OpsAdmin, "GET", null)).Body["version"]!.GetValue<string>());

        var sameVersion = await InvokeAsync(http, "RosterReplace", CxRoles.OpsAdmin, "PUT",
            TestRosters.AroundTheClock.Replace("Lead One", "Lead Uno", StringComparison.Ordinal));
        Assert.Equal(409, sameVersion.Status);
        var broken = await InvokeAsync(http, "RosterReplace", CxRoles.OpsAdmin, "PUT", "{ not json");
        Assert.Equal(422, broken.Status);
        Assert.Contains(broken.Body["errors"]!.AsArray(), e => e!.GetValue<string>().StartsWith("$ is not valid JSON", StringComparison.Ordinal));

        var replaced = await InvokeAsync(http, "RosterReplace", CxRoles.OpsAdmin, "PUT",
            TestRosters.AroundTheClock.Replace("\"test-1\"", "\"test-2\"", StringComparison.Ordinal).Replace("Lead One", "Lead Uno", StringComparison.Ordinal));
        Assert.Equal(200, replaced.Status);
        var after = await InvokeAsync(http, "RosterGet", CxRoles.OpsAdmin, "GET", null);
        Assert.Equal("test-2", after.Body["version"]!.GetValue<string>());
        Assert.Equal("Lead Uno", after.Body["roster"]!["people"]![0]!["displayName"]!.GetValue<string>());
    }

    [Fact]
    public void An_invalid_routing_file_stops_the_handler_at_start_naming_every_error()
    {
        var invalid = TestRosters.AroundTheClock
            .Replace("\"TeamLead\", \"skills\"", "\"Captain\", \"skills\"", StringComparison.Ordinal)
            .Replace("\"6s\"", "\"soon\"", StringComparison.Ordinal)
            .Replace("\"defaultTeam\": \"ops\"", "\"defaultTeam\": \"nobody\"", StringComparison.Ordinal);
        using var server = new HandlerServer(azurite.ConnectionString, roster: invalid);

        var ex = Assert.ThrowsAny<Exception>(() => server.Client());

        var text = ex.ToString();
        Assert.Contains("test-roster.json", text, StringComparison.Ordinal);
        Assert.Contains("people[0].role must be one of", text, StringComparison.Ordinal);
        Assert.Contains("defaultTeam names team \"nobody\"", text, StringComparison.Ordinal);
    }

    private static async Task<(int Status, JsonObject Body)> InvokeAsync(HttpClient http, string function, string role, string method, string? body)
    {
        var envelope = new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["req"] = new JsonObject
                {
                    ["Url"] = "http://127.0.0.1:7071/api/roster",
                    ["Method"] = method,
                    ["Query"] = new JsonObject(),
                    ["Headers"] = new JsonObject
                    {
                        [ClientPrincipalReader.HeaderName] = new JsonArray(ClientPrincipalReader.Encode("aad", "roster-" + role, [role])),
                    },
                    ["Params"] = new JsonObject(),
                    ["Body"] = body,
                },
            },
            ["Metadata"] = new JsonObject(),
        };
        var response = await http.PostAsJsonAsync(function, envelope);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var res = (await response.Content.ReadFromJsonAsync<JsonObject>())!["Outputs"]!["res"]!;
        return (res["statusCode"]!.GetValue<int>(), JsonNode.Parse(res["body"]!.GetValue<string>())!.AsObject());
    }
}
