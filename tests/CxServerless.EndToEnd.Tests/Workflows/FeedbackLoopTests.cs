using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using CxHost.Hosting;
using CxServerless.EndToEnd.Tests.CxHost;
using CxServerless.Testing;
using Microsoft.Extensions.Logging;

namespace CxServerless.EndToEnd.Tests.Workflows;

/// <summary>
/// The closed feedback loop through cx-host: survey responses go in through the Event Hubs send API, ingestion's sink
/// queues them, StartFeedback opens one loop and the workflow one task for the contact's team; a second detractor answer
/// attaches; resolving the task sends the follow-up request after the (shortened) delay; the customer's next answer
/// closes the loop with its delta. Then no table, queue or blob of the run holds the customer's personal data.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class FeedbackLoopTests(AzuriteFixture azurite)
{
    private const string Roster = """
        {
          "version": "feedback-e2e-1",
          "defaultTeam": "billing",
          "routes": { "queue=billing": "billing" },
          "people": [
            { "id": "lead-billing", "displayName": "Billing Lead", "team": "billing", "role": "TeamLead", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "00:00", "end": "24:00" } },
            { "id": "lead-delivery", "displayName": "Delivery Lead", "team": "delivery", "role": "TeamLead", "skills": [],
              "shift": { "days": ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"], "start": "00:00", "end": "24:00" } }
          ],
          "chains": {
            "critical": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "4h" } ],
            "error": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "4h" } ],
            "warning": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "4h" } ],
            "informational": [ { "role": "TeamLead", "acknowledgeWithin": "1h", "resolveWithin": "4h" } ]
          }
        }
        """;

    private static readonly TimeSpan FollowUpDelay = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_detractor_becomes_one_loop_and_task_that_follows_up_and_closes_with_its_delta_and_leaves_no_pii()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var email = $"jane.{run}@example.com";
        var phone = $"+44 20 7946 {Random.Shared.Next(1000, 9999)}";
        var hub = AzuriteFixture.UniqueName("fbhub");
        var loopsTable = AzuriteFixture.UniqueName("fl");
        var reportTable = AzuriteFixture.UniqueName("fr");
        var queue = AzuriteFixture.UniqueName("feedback").ToLowerInvariant();
        var ownTables = new[] { "ev", "qu", "co", "mb", "le", "ci", "er", "fc" }.ToDictionary(p => p, AzuriteFixture.UniqueName);
        var settings = new Dictionary<string, string>
        {
            ["CxEventHubName"] = hub,
            ["CxEventsTable"] = ownTables["ev"],
            ["CxQuarantineTable"] = ownTables["qu"],
            ["CxIngestCountersTable"] = ownTables["co"],
            ["CxMetricBucketsTable"] = ownTables["mb"],
            ["CxLateEventsTable"] = ownTables["le"],
            ["CxFirstContactsTable"] = ownTables["fc"],
            ["CxCustomerIndexTable"] = ownTables["ci"],
            ["CxErasureRequestsTable"] = ownTables["er"],
            ["CxFeedbackLoopsTable"] = loopsTable,
            ["CxFeedbackReportTable"] = reportTable,
            ["CxFeedbackQueue"] = queue,
            ["Feedback__FollowUpDelay"] = "00:00:05",
            ["Feedback__ResponseTimeout"] = "00:10:00",
        };
        await using var app = new EscalationApp(azurite, Roster, "Supervisor", settings);
        var loops = azurite.Tables.GetTableClient(loopsTable);
        string? pseudonym = null;
        try
        {
            await using (var host = new CxHostApplication(app.Options, LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning))))
            {
                await host.StartAsync(CancellationToken.None);
                using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

                // A detractor with a negative comment carrying the customer's contact details; the contact's team is delivery,
                // its queue billing (whose route would say billing): the task must go to delivery.
                await SendAsync(http, hub, Survey($"fb1-{run}", email, phone, nps: 2, csat: 1,
                    $"The courier lost my parcel and nobody called me back on {phone} or wrote to {email}. Awful."));
                var task = await FixtureFunctionApp.EventuallyAsync(
                    () => FeedbackTasksAsync(http),
                    t => t.Count > 0 && t[0]["assignee"] is not null,
                    TimeSpan.FromSeconds(120),
                    "the task");
                Assert.Equal(("lead-delivery", "delivery"), (task[0]["assignee"]!.GetValue<string>(), task[0]["team"]!.GetValue<string>()));
                var loop = await FixtureFunctionApp.EventuallyAsync(
                    () => LoopAsync(loops), l => l is not null, TimeSpan.FromSeconds(30), "the loop");
                var customerKey = loop!.PartitionKey;
                var loopId = loop.RowKey;
                Assert.StartsWith("c-k1-", customerKey, StringComparison.Ordinal);
                Assert.Equal(("delivery", "open", "csat,nps,negativeText"),
                    (loop.GetString("Topic"), loop.GetString("Status"), loop.GetString("Reasons")));

                // A second detractor answer inside the frequency cap attaches to the open loop: no second loop, no second task.
                await SendAsync(http, hub, Survey($"fb2-{run}", email, phone, nps: 3, csat: null, "Still waiting for the parcel."));
                await FixtureFunctionApp.EventuallyAsync(
                    () => RowsAsync(loops, customerKey, "att-"), n => n == 1, TimeSpan.FromSeconds(60), "the attachment");
                Assert.Single(await FeedbackTasksAsync(http));
                Assert.Equal(1, await RowsAsync(loops, customerKey, "feedback-"));

                var taskId = task[0]["id"]!.GetValue<string>();
                await ActAsync(http, taskId, "acknowledge", new { note = "calling the customer" });
                await ActAsync(http, taskId, "resolve", new { resolution = "replacement sent by express courier" });
                var awaiting = await FixtureFunctionApp.EventuallyAsync(
                    () => LoopAsync(loops), l => l?.GetString("Status") == "awaitingResponse", TimeSpan.FromSeconds(60), "the follow-up");
                Assert.True(
                    awaiting!.GetDateTimeOffset("FollowUpRequestedAt") - awaiting.GetDateTimeOffset("ResolvedAt") >= FollowUpDelay,
                    "the follow-up request went out before the delay");
                var request = (await azurite.Tables.GetTableClient(app.NotificationsTable)
                    .GetEntityAsync<TableEntity>(customerKey, loopId + "-followUp")).Value;
                Assert.Equal("followUpSurvey", request.GetString("Kind"));

                // The customer's next answer, matched by pseudonym, closes the loop with its delta.
                await SendAsync(http, hub, Survey($"fb3-{run}", email, phone, nps: 9, csat: 5, "Thank you, sorted quickly and kindly."));
                var closed = await FixtureFunctionApp.EventuallyAsync(
                    () => LoopAsync(loops), l => l?.GetString("Status") == "closed", TimeSpan.FromSeconds(60), "the close");
                Assert.Equal(("responded", $"fb3-{run}", "delivery"),
                    (closed!.GetString("Outcome"), closed.GetString("FollowUpEventId"), closed.GetString("Team")));
                Assert.Equal((2, 9, 7, 1, 5, 4), (closed.GetInt32("BeforeNps"), closed.GetInt32("AfterNps"), closed.GetInt32("NpsDelta"),
                    closed.GetInt32("BeforeCsat"), closed.GetInt32("AfterCsat"), closed.GetInt32("CsatDelta")));
                Assert.True(closed.GetDouble("SentimentDelta") > 0, "the sentiment did not improve");
                Assert.True(closed.GetBoolean("RecoveredDetractor"));
                Assert.Equal(1, closed.GetInt32("Attached"));
                Assert.True(closed.GetDouble("AcknowledgeSeconds") <= closed.GetDouble("ResolveSeconds"));
                Assert.True(closed.GetDouble("ResolveSeconds") < closed.GetDouble("CloseSeconds"));

                // The closed loop is in the feedback KPIs of its team: one loop, its task ended, a detractor (NPS 2) who answered
                // 9 and recovered, and the loop's own sentiment delta.
                var within = closed.GetBoolean("SlaBreached") == true ? 0 : 1;
                var figures = await DeliveryKpisAsync(http);
                Assert.Equal((1, 1, within, 1, 1, 1, 100.0), (figures["opened"]!.GetValue<int>(), figures["taskEnded"]!.GetValue<int>(),
                    figures["closedWithinSla"]!.GetValue<int>(), figures["detractors"]!.GetValue<int>(),
                    figures["detractorsAnswered"]!.GetValue<int>(), figures["recovered"]!.GetValue<int>(),
                    figures["recoveredPercent"]!.GetValue<double>()));
                Assert.Equal(closed.GetDouble("SentimentDelta")!.Value, figures["meanSentimentDelta"]!.GetValue<double>(), 3);

                var workflow = await FixtureFunctionApp.EventuallyAsync(
                    () => WorkflowStatusAsync(http, loopId), s => s == "Completed", TimeSpan.FromSeconds(60), "the loop's workflow");
                Assert.Equal("Completed", workflow);

                // Erasing the customer removes their loops, the follow-up request and the loop's workflow instances.
                var receipt = await EraseAsync(http, email);
                Assert.Equal(3, Line(receipt, "feedbackLoops")); // head, loop, attached item
                Assert.Equal(1, Line(receipt, "notifications"));
                Assert.Equal(2, Line(receipt, "workflowInstances")); // the loop's and its task's escalation
                Assert.Equal(0, await RowsAsync(loops, customerKey, string.Empty));
                Assert.Null(await WorkflowStatusAsync(http, loopId));
                Assert.Equal(figures.ToJsonString(), (await DeliveryKpisAsync(http)).ToJsonString()); // the figures still add up
                pseudonym = customerKey;
            }

            // After the run and the erasure, neither the customer's contact details nor their pseudonym is anywhere.
            var findings = await StoragePiiScan.FindAsync(
                azurite, app.Options.ExtraSettings["Workflows__TaskHub"], [email, phone, pseudonym!]);
            Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));
        }
        finally
        {
            foreach (var table in ownTables.Values.Append(loopsTable).Append(reportTable))
            {
                await azurite.Tables.DeleteTableAsync(table);
            }

            await azurite.Queues.GetQueueClient(queue).DeleteIfExistsAsync();
            await azurite.Queues.GetQueueClient(queue + "-poison").DeleteIfExistsAsync();
        }
    }

    private static JsonObject Survey(string id, string email, string phone, int nps, int? csat, string comment) => new()
    {
        ["schemaVersion"] = 1,
        ["eventId"] = id,
        ["type"] = "SurveyResponse",
        ["eventTime"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["conversationId"] = "survey-" + id,
        ["channel"] = "survey",
        ["queue"] = "billing",
        ["team"] = "delivery",
        ["customer"] = new JsonObject { ["email"] = email, ["phone"] = phone },
        ["scores"] = csat is { } c ? new JsonObject { ["nps"] = nps, ["csat"] = c } : new JsonObject { ["nps"] = nps },
        ["text"] = comment,
    };

    private static async Task SendAsync(HttpClient http, string hub, JsonObject body)
    {
        var batch = new JsonArray(new JsonObject { ["Body"] = body.ToJsonString() });
        using var content = new StringContent(batch.ToJsonString(), Encoding.UTF8, "application/vnd.microsoft.servicebus.json");
        using var sent = await http.PostAsync(new Uri($"{hub}/messages", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
    }

    private static async Task<JsonObject> DeliveryKpisAsync(HttpClient http)
    {
        var kpis = (await http.GetFromJsonAsync<JsonObject>(new Uri("api/feedback/kpis?by=team", UriKind.Relative)))!;
        return Assert.Single(kpis["rows"]!.AsArray(), r => r!["key"]!.GetValue<string>() == "delivery")!.AsObject();
    }

    private static async Task<List<JsonObject>> FeedbackTasksAsync(HttpClient http) =>
        [.. (await EscalationApp.TasksAsync(http)).Where(t => t["source"]?.GetValue<string>() == "feedback")];

    private static async Task ActAsync(HttpClient http, string taskId, string action, object body)
    {
        using var response = await http.PostAsJsonAsync($"api/tasks/{taskId}/{action}", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {text}");
    }

    private static async Task<TableEntity?> LoopAsync(TableClient loops)
    {
        try
        {
            var rows = loops.QueryAsync<TableEntity>(e => e.RowKey.CompareTo("feedback-") >= 0 && e.RowKey.CompareTo("feedback.") < 0);
            await foreach (var row in rows)
            {
                return row;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Not created yet.
        }

        return null;
    }

    private static async Task<int> RowsAsync(TableClient loops, string customerKey, string prefix)
    {
        var count = 0;
        await foreach (var row in loops.QueryAsync<TableEntity>(e => e.PartitionKey == customerKey, select: ["RowKey"]))
        {
            count += row.RowKey.StartsWith(prefix, StringComparison.Ordinal) ? 1 : 0;
        }

        return count;
    }

    private static async Task<JsonArray> EraseAsync(HttpClient http, string email)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/privacy/erasure", UriKind.Relative))
        {
            Content = JsonContent.Create(new { identifierType = "email", value = email }),
        };
        request.Headers.Add("Cookie", "cx-dev-role=OpsAdmin");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"erasure: {(int)response.StatusCode} {text}");
        var statusUri = JsonNode.Parse(text)!["statusUri"]!.GetValue<string>().TrimStart('/');
        var done = await FixtureFunctionApp.EventuallyAsync(
            async () =>
            {
                using var get = new HttpRequestMessage(HttpMethod.Get, new Uri(statusUri, UriKind.Relative));
                get.Headers.Add("Cookie", "cx-dev-role=OpsAdmin");
                using var answer = await http.SendAsync(get);
                return JsonNode.Parse(await answer.Content.ReadAsStringAsync());
            },
            r => r?["status"]?.GetValue<string>() == "completed",
            TimeSpan.FromSeconds(120),
            "the erasure");
        return done!["receipt"]!.AsArray();
    }

    private static long Line(JsonArray receipt, string dataClass) =>
        receipt.Single(l => l!["dataClass"]!.GetValue<string>() == dataClass)!["count"]!.GetValue<long>();

    private static async Task<string?> WorkflowStatusAsync(HttpClient http, string instanceId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"api/workflows/{instanceId}", UriKind.Relative));
        request.Headers.Add("Cookie", "cx-dev-role=OpsAdmin");
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]?.GetValue<string>()
            : null;
    }
}
