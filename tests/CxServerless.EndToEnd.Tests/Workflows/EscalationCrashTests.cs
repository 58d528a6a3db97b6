using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CxHost.Hosting;
using CxServerless.EndToEnd.Tests.CxHost;
using CxServerless.Testing;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace CxServerless.EndToEnd.Tests.Workflows;

/// <summary>
/// cx-host on the real function app with the real handler and its hosted Durable Task worker: alerts arrive on the
/// alerts queue three times each, the handler process is killed while the escalations run, cx-host restarts it, and the
/// new process takes the task hub's partitions over. Every alert must still get one workflow, one task, one assignment
/// and one notification per escalation level, and close when resolved through the inbox API.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class EscalationCrashTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Alerts = 8;

    // Level 1 (team lead) must acknowledge within 60 s, reminded 30 s before; level 2 (supervisor) has minutes. The SLA
    // outlasts the kill and the takeover, so every task is reminded before it escalates.
    private const string Roster = """
        {
          "version": "crash-1",
          "defaultTeam": "ops",
          "routes": { "queue=billing": "billing" },
          "people": [
            { "id": "lead-1", "displayName": "Lead One", "team": "billing", "role": "TeamLead", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "00:00", "end": "24:00" } },
            { "id": "sup-1", "displayName": "Supervisor One", "team": "ops", "role": "Supervisor", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "00:00", "end": "24:00" } }
          ],
          "chains": {
            "critical": [ { "role": "TeamLead", "acknowledgeWithin": "60s", "resolveWithin": "1h", "remindBefore": "30s" },
                          { "role": "Supervisor", "anyTeam": true, "acknowledgeWithin": "30m", "resolveWithin": "1h" } ],
            "error": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "1h" } ],
            "warning": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "1h" } ],
            "informational": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "1h" } ]
          }
        }
        """;

    [Fact]
    public async Task Killing_the_handler_mid_escalation_gives_one_task_one_assignment_and_one_notification_per_level()
    {
        await using var app = new EscalationApp(azurite, Roster, "OpsAdmin", new Dictionary<string, string>
        {
            // What the killed process held comes back within seconds, not the default 5 minutes.
            ["Workflows__ControlQueueVisibilityTimeout"] = "00:00:15",
            ["Workflows__WorkItemQueueVisibilityTimeout"] = "00:00:15",
        });
        var alertIds = Enumerable.Range(0, Alerts).Select(_ => Guid.NewGuid().ToString("N")).ToList();

        // A scope of its own: the host stops before the app's tables and queue are deleted.
        {
            await using var host = new CxHostApplication(app.Options, LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning)));
            await host.StartAsync(CancellationToken.None);
            using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            var queue = azurite.Queues.GetQueueClient(app.AlertsQueue);
            await queue.CreateIfNotExistsAsync();

            // Each opening three times, as a redelivering queue or a repeating evaluator would send it.
            for (var copy = 0; copy < 3; copy++)
            {
                foreach (var alertId in alertIds)
                {
                    await queue.SendMessageAsync(OpenedMessage(alertId).ToJsonString());
                }
            }

            // Kill the handler once the first task exists: the escalations are then between their first and second level.
            var firstPid = host.Handler.ProcessId;
            var first = await FixtureFunctionApp.EventuallyAsync(
                () => EscalationApp.TasksAsync(http), t => t.Count > 0, TimeSpan.FromSeconds(90), "the first task");
            var before = first.Count;
            using (var victim = Process.GetProcessById(firstPid))
            {
                victim.Kill();
            }

            // The restarted handler takes the partitions over and every escalation reaches its supervisor.
            var tasksNow = await FixtureFunctionApp.EventuallyAsync(
                () => EscalationApp.TasksAsync(http),
                t => t.Count == Alerts && t.All(x => x["level"]?.GetValue<int>() == 1),
                TimeSpan.FromSeconds(240),
                $"{Alerts} tasks escalated to level 2 ({before} existed at the kill)");
            Assert.NotEqual(firstPid, host.Handler.ProcessId);
            output.WriteLine(
                $"{before} of {Alerts} tasks existed when handler {firstPid} was killed; handler {host.Handler.ProcessId} finished them.");
            Assert.Equal(
                alertIds.Order(StringComparer.Ordinal),
                tasksNow.Select(t => t["alertId"]!.GetValue<string>()).Order(StringComparer.Ordinal));

            foreach (var task in tasksNow)
            {
                var taskId = task["id"]!.GetValue<string>();
                var detail = await EscalationApp.GetJsonAsync(http, $"api/tasks/{taskId}");
                var kinds = detail["timeline"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).ToList();
                Assert.Equal(["created", "assigned", "reminded", "escalated"], kinds);
                var people = detail["timeline"]!.AsArray().Where(e => e!["kind"]!.GetValue<string>() is "assigned" or "escalated")
                    .Select(e => e!["person"]?.GetValue<string>());
                Assert.Equal(["lead-1", "sup-1"], people);
            }

            // One notification per person, task and kind: the lead's assignment and reminder, the supervisor's escalation.
            var notifications = await NotificationsAsync(azurite.Tables.GetTableClient(app.NotificationsTable));
            foreach (var task in tasksNow)
            {
                var taskId = task["id"]!.GetValue<string>();
                var mine = notifications.Where(n => n.TaskId == taskId)
                    .Select(n => $"{n.Recipient}:{n.Kind}")
                    .Order(StringComparer.Ordinal);
                Assert.Equal(["lead-1:assigned", "lead-1:reminded", "sup-1:escalated"], mine);
            }

            // Resolving through the inbox API closes each workflow.
            foreach (var task in tasksNow)
            {
                using var resolved = await http.PostAsJsonAsync(
                    $"api/tasks/{task["id"]!.GetValue<string>()}/resolve", new { resolution = "staffing moved" });
                Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
            }

            foreach (var alertId in alertIds)
            {
                var status = await FixtureFunctionApp.EventuallyAsync(
                    async () => (await EscalationApp.GetJsonAsync(http, $"api/workflows/escalation-{alertId}"))["status"]
                        ?.GetValue<string>(),
                    s => s == "Completed", TimeSpan.FromSeconds(90), $"escalation-{alertId} completed");
                Assert.Equal("Completed", status);
            }

            var instances = await EscalationApp.GetJsonAsync(http, "api/workflows?top=1000");
            Assert.Equal(Alerts, instances["instances"]!.AsArray().Count);
        }
    }

    private static JsonObject OpenedMessage(string alertId) => new()
    {
        ["alertId"] = alertId,
        ["event"] = "opened",
        ["version"] = 1,
        ["alert"] = new JsonObject
        {
            ["id"] = alertId,
            ["kpi"] = "AverageSpeedOfAnswer",
            ["slice"] = "queue=billing",
            ["severity"] = "Critical",
            ["message"] = "Average speed of answer 95 s on queue=billing (normal 20-40 s)",
            ["route"] = new JsonObject { ["issueType"] = "queue-wait" },
        },
    };

    private static async Task<List<(string Recipient, string TaskId, string Kind)>> NotificationsAsync(TableClient table)
    {
        var rows = new List<(string, string, string)>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add((row.PartitionKey, row.GetString("TaskId") ?? string.Empty, row.GetString("Kind") ?? string.Empty));
        }

        return rows;
    }
}
