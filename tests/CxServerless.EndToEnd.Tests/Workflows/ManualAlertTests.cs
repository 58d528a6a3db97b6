using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CxHost.Hosting;
using CxServerless.EndToEnd.Tests.CxHost;
using CxServerless.Testing;
using Microsoft.Extensions.Logging;

namespace CxServerless.EndToEnd.Tests.Workflows;

/// <summary>
/// A supervisor declares an incident through cx-host's HTTP trigger; the alert goes through the real alerts queue, the
/// queue trigger and the escalation workflow, and becomes exactly one task for the declared team's lead. Resolving the
/// task resolves the manual alert and completes the workflow.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class ManualAlertTests(AzuriteFixture azurite)
{
    // Two teams with a lead each, so the test can tell that the declared team, not a default, owns the task.
    private const string Roster = """
        {
          "version": "manual-1",
          "defaultTeam": "billing",
          "routes": { "queue=billing": "billing" },
          "people": [
            { "id": "lead-billing", "displayName": "Billing Lead", "team": "billing", "role": "TeamLead", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "00:00", "end": "24:00" } },
            { "id": "lead-tech", "displayName": "Tech Lead", "team": "tech", "role": "TeamLead", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "00:00", "end": "24:00" } },
            { "id": "sup-1", "displayName": "Supervisor One", "team": "billing", "role": "Supervisor", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "00:00", "end": "24:00" } }
          ],
          "chains": {
            "critical": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "4h" },
                          { "role": "Supervisor", "anyTeam": true, "acknowledgeWithin": "1h", "resolveWithin": "4h" } ],
            "error": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "4h" } ],
            "warning": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "4h" } ],
            "informational": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "4h" } ]
          }
        }
        """;

    [Fact]
    public async Task A_declared_incident_becomes_one_task_for_the_declared_team_s_lead_and_resolving_it_resolves_the_alert()
    {
        await using var app = new EscalationApp(azurite, Roster, "Supervisor");

        // A scope of its own: the host stops before the app's tables and queue are deleted.
        {
            await using var host = new CxHostApplication(app.Options, LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning)));
            await host.StartAsync(CancellationToken.None);
            using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

            using var declared = await http.PostAsJsonAsync("api/alerts", new
            {
                summary = "Card payments fail at checkout; reported by jane.doe@example.com",
                severity = "critical",
                team = "tech",
            });
            var body = await declared.Content.ReadAsStringAsync();
            Assert.True(declared.StatusCode == HttpStatusCode.Created, $"POST /api/alerts: {(int)declared.StatusCode} {body}");
            var alert = JsonNode.Parse(body)!;
            var alertId = alert["id"]!.GetValue<string>();
            Assert.Equal("manual", alert["source"]!.GetValue<string>());
            Assert.DoesNotContain("jane.doe@example.com", body, StringComparison.OrdinalIgnoreCase);
            Assert.NotNull(declared.Headers.Location);

            // The alert reached the queue, the queue trigger started the workflow, the workflow opened one task.
            var tasks = await FixtureFunctionApp.EventuallyAsync(
                () => EscalationApp.TasksAsync(http, alertId),
                t => t.Count > 0 && t[0]["assignee"] is not null,
                TimeSpan.FromSeconds(90),
                "the task");
            await Task.Delay(TimeSpan.FromSeconds(3));
            tasks = await EscalationApp.TasksAsync(http, alertId);
            var task = Assert.Single(tasks);
            Assert.Equal(("lead-tech", "tech", "manual"), (
                task["assignee"]!.GetValue<string>(), task["team"]!.GetValue<string>(), task["source"]!.GetValue<string>()));
            Assert.DoesNotContain("jane.doe@example.com", task.ToJsonString(), StringComparison.OrdinalIgnoreCase);

            var taskId = task["id"]!.GetValue<string>();
            using (var resolved = await http.PostAsJsonAsync($"api/tasks/{taskId}/resolve", new { resolution = "payment provider fixed" }))
            {
                Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
            }

            var status = await FixtureFunctionApp.EventuallyAsync(
                async () => (await EscalationApp.GetJsonAsync(http, $"api/alerts?status=all&id={alertId}"))["alerts"]!.AsArray()
                    .SingleOrDefault()?["status"]?.GetValue<string>(),
                s => s == "Resolved", TimeSpan.FromSeconds(60), "the manual alert resolved");
            Assert.Equal("Resolved", status);
            var workflow = await FixtureFunctionApp.EventuallyAsync(
                async () => (await WorkflowAsync(http, alertId))?["status"]?.GetValue<string>(),
                s => s == "Completed", TimeSpan.FromSeconds(60), "the escalation completed");
            Assert.Equal("Completed", workflow);
        }
    }

    private static async Task<JsonObject?> WorkflowAsync(HttpClient http, string alertId)
    {
        // Workflows are OpsAdmin's (Auditor reads): ask with that development identity.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"api/workflows/escalation-{alertId}", UriKind.Relative));
        request.Headers.Add("Cookie", "cx-dev-role=OpsAdmin");
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject() : null;
    }
}
