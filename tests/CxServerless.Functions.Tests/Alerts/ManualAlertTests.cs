using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Detection;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Tests.Tasks;
using CxServerless.Testing;
using CxServerless.Workflows.Escalation;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Functions.Tests.Alerts;

/// <summary>
/// Manual alerts (<c>POST /api/alerts</c>) and alerts resolved from the inbox, through the real handler over HTTP with the
/// real escalation workflow and the inbox test routing file (<see cref="InboxRoster"/>).
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class ManualAlertTests(AzuriteFixture azurite)
{
    /// <summary>Who may declare an alert. Written here, not read from the function's role list.</summary>
    private static readonly (string Who, Caller? Caller, int Status)[] RoleMatrix =
    [
        ("Agent", Caller.AgentOne, 403),
        ("TeamLead", Caller.BillingLead, 403),
        ("Supervisor", Caller.Supervisor, 201),
        ("OpsAdmin", Caller.OpsAdmin, 201),
        ("Auditor", Caller.Auditor, 403),
        ("anonymous", null, 401),
    ];

    private static Task<InboxAnswer> DeclareAsync(TaskInboxHost host, Caller? caller, string body) =>
        host.InvokeAsync("AlertCreate", caller, "POST", null, body);

    private static async Task<JsonObject?> FindAlertAsync(TaskInboxHost host, string id)
    {
        var list = await host.InvokeAsync("Alerts", Caller.Supervisor, "GET", null, null, ("status", "all"), ("id", id));
        Assert.Equal(200, list.Status);
        return list.Body["alerts"]!.AsArray().SingleOrDefault()?.AsObject();
    }

    [Fact]
    public async Task A_declared_alert_is_stored_masked_listed_escalated_to_the_declared_team_and_resolved_with_its_task()
    {
        using var host = new TaskInboxHost(azurite);

        var created = await DeclareAsync(host, Caller.Supervisor,
            """{ "summary": "Phones down in billing; customer jane.doe@example.com could not get through", """
            + """ "severity": "high", "team": "billing" }""");

        Assert.Equal(201, created.Status);
        var id = created.Body["id"]!.GetValue<string>();
        Assert.StartsWith("manual-", id, StringComparison.Ordinal);
        Assert.Equal($"/api/alerts?status=all&id={id}", created.Headers!["Location"]!.GetValue<string>());
        Assert.Equal(("manual", "Error", "high", "Open", "team=billing"), (
            created.Body["source"]!.GetValue<string>(), created.Body["severity"]!.GetValue<string>(),
            created.Body["requestedSeverity"]!.GetValue<string>(), created.Body["status"]!.GetValue<string>(),
            created.Body["slice"]!.GetValue<string>()));
        Assert.StartsWith("Phones down in billing; customer ", created.Body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe", created.Body.ToJsonString(), StringComparison.Ordinal);
        var row = (await new TableClient(azurite.ConnectionString, host.AlertsTable).GetEntityAsync<TableEntity>("manual", id)).Value;
        Assert.DoesNotContain("jane.doe", row.GetString("Summary"), StringComparison.Ordinal);

        var listed = await FindAlertAsync(host, id);
        Assert.Equal("manual", listed!["source"]!.GetValue<string>());

        // The alerts queue message reaches StartEscalation through cx-host in Azure; here the test plays the host's queue
        // trigger by reading the message the function wrote and handing it to the same starter.
        await DeliverAlertsQueueAsync(host);
        var task = await host.WaitForTaskAsync("task-" + id, t => t.Assignee is not null);
        Assert.Equal(("manual", "billing", "lead-billing", "Error"), (task.Source, task.Team, task.Assignee, task.Severity));

        var resolved = await host.ActAsync(
            "TaskResolve", Caller.BillingLead, task.TaskId, """{ "resolution": "phones back after a carrier fix" }""");
        Assert.Equal(200, resolved.Status);
        var alert = await FindAlertAsync(host, id);
        Assert.Equal(
            ("Resolved", "resolved: phones back after a carrier fix"),
            (alert!["status"]!.GetValue<string>(), alert["resolution"]!.GetValue<string>()));
        var done = await host.Workflows.WaitForInstanceCompletionAsync(EscalationRequest.InstanceIdFor(id))
            .WaitAsync(TimeSpan.FromSeconds(90));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var open = await host.InvokeAsync("Alerts", Caller.Supervisor, "GET", null, null);
        Assert.DoesNotContain(open.Body["alerts"]!.AsArray(), a => a!["id"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task A_false_alarm_resolves_a_declared_alert_with_the_reason()
    {
        using var host = new TaskInboxHost(azurite);
        var created = await DeclareAsync(
            host, Caller.OpsAdmin, """{ "summary": "Chat widget looks broken", "severity": "critical", "team": "sales" }""");
        Assert.Equal(201, created.Status);
        var id = created.Body["id"]!.GetValue<string>();
        await DeliverAlertsQueueAsync(host);
        var task = await host.WaitForTaskAsync("task-" + id, t => t.Assignee is not null);
        Assert.Equal(("sales", "lead-sales", "Critical"), (task.Team, task.Assignee, task.Severity));

        var answer = await host.ActAsync(
            "TaskFalseAlarm", Caller.Supervisor, task.TaskId, """{ "reason": "a browser extension, not the widget" }""");

        Assert.Equal(200, answer.Status);
        var alert = await FindAlertAsync(host, id);
        Assert.Equal(("Resolved", "false alarm: a browser extension, not the widget"),
            (alert!["status"]!.GetValue<string>(), alert["resolution"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_false_alarm_resolves_a_detected_alert_and_the_same_ongoing_condition_does_not_reopen_it()
    {
        using var host = new TaskInboxHost(azurite);
        var store = host.Server.Services.GetRequiredService<AlertStore>();
        await store.EnsureCreatedAsync(CancellationToken.None);
        var opened = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var alert = DetectedAlert(opened);
        Assert.NotNull(await store.ApplyAsync(new AlertTransition(AlertTransitionKind.Opened, alert), alert.Id, CancellationToken.None));
        var task = await host.StartEscalationAsync(alert.Id, AlertSeverity.Error, kpi: "AverageSpeedOfAnswer");

        var answer = await host.ActAsync("TaskFalseAlarm", Caller.BillingLead, task.TaskId,
            """{ "reason": "test calls from jane.doe@example.com" }""");

        Assert.Equal(200, answer.Status);
        var resolved = (await store.ListAsync(CancellationToken.None, fresh: true)).Single(a => a.Alert.Id == alert.Id);
        Assert.Equal(AlertStatus.Resolved, resolved.Alert.Status);
        Assert.StartsWith("false alarm: test calls from ", resolved.Resolution, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe", resolved.Resolution, StringComparison.Ordinal);

        // The evaluator still holds the condition open and goes on updating it window by window: nothing reopens.
        var later = alert with { WindowEnd = opened.AddMinutes(5), WindowStart = opened.AddMinutes(4), Value = 140, BreachCount = 6 };
        Assert.Null(await store.ApplyAsync(new AlertTransition(AlertTransitionKind.Updated, later), alert.Id, CancellationToken.None));
        Assert.Null(await store.ApplyAsync(new AlertTransition(AlertTransitionKind.Opened, later), alert.Id, CancellationToken.None));
        var after = (await store.ListAsync(CancellationToken.None, fresh: true)).Single(a => a.Alert.Id == alert.Id);
        Assert.Equal(AlertStatus.Resolved, after.Alert.Status);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_the_reason_and_nothing_is_stored_or_escalated()
    {
        using var host = new TaskInboxHost(azurite);
        var cases = new (string Body, int Status, string Reason)[]
        {
            ("not json", 400, "not valid JSON"),
            ("[1, 2]", 400, "not valid JSON"),
            ("""{ "severity": "high" }""", 422, "summary is required"),
            ("""{ "summary": "   ", "severity": "high" }""", 422, "summary is required"),
            ($$"""{ "summary": "{{new string('x', 501)}}", "severity": "high" }""", 422, "501 characters"),
            ("""{ "summary": "Phones down", "severity": "urgent" }""", 422, "severity must be one of low, medium, high, critical"),
            ("""{ "summary": "Phones down" }""", 422, "severity must be one of"),
            ("""{ "summary": "Phones down", "severity": "high", "team": "nobody" }""", 422, "team \"nobody\" is not a team"),
            ("""{ "summary": "Phones down", "severity": "high", "kpi": "Happiness" }""", 422, "kpi \"Happiness\" is not a KPI"),
            ("""{ "summary": "Phones down", "severity": "high", "slice": "planet=mars" }""", 422, "slice \"planet=mars\" is not a slice"),
        };

        foreach (var (body, status, reason) in cases)
        {
            var answer = await DeclareAsync(host, Caller.Supervisor, body);
            Assert.True(status == answer.Status, $"{body[..Math.Min(body.Length, 60)]}: {answer.Status} {answer.Detail}");
            Assert.Contains(reason, answer.Detail, StringComparison.Ordinal);
        }

        var store = host.Server.Services.GetRequiredService<AlertStore>();
        await store.EnsureCreatedAsync(CancellationToken.None);
        Assert.Empty(await store.ListManualAsync(CancellationToken.None, fresh: true));
        Assert.Null((await store.Queue.PeekMessageAsync()).Value);
    }

    [Fact]
    public async Task Only_supervisors_and_ops_admins_may_declare_an_alert()
    {
        using var host = new TaskInboxHost(azurite);
        var failures = new List<string>();
        foreach (var (who, caller, expected) in RoleMatrix)
        {
            var answer = await DeclareAsync(host, caller, """{ "summary": "Matrix check", "severity": "low" }""");
            if (answer.Status != expected)
            {
                failures.Add($"{who}: got {answer.Status}, expected {expected}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(
            RoleMatrix.Count(r => r.Status == 201),
            (await host.Server.Services.GetRequiredService<AlertStore>().ListManualAsync(CancellationToken.None, fresh: true)).Count);
    }

    /// <summary>Hands every message on the alerts queue to <c>StartEscalation</c>, as the host's queue trigger does.</summary>
    private static async Task DeliverAlertsQueueAsync(TaskInboxHost host)
    {
        var queue = host.Server.Services.GetRequiredService<AlertStore>().Queue;
        var messages = (await queue.ReceiveMessagesAsync(32)).Value;
        Assert.NotEmpty(messages);
        foreach (var message in messages)
        {
            var envelope = new JsonObject
            {
                ["Data"] = new JsonObject { ["message"] = System.Text.Json.JsonSerializer.Serialize(message.Body.ToString()) },
                ["Metadata"] = new JsonObject { ["Id"] = message.MessageId, ["DequeueCount"] = "1" },
            };
            using var client = host.Server.Client();
            using var response = await client.PostAsync(new Uri("/StartEscalation", UriKind.Relative),
                new StringContent(envelope.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
            var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.True(response.IsSuccessStatusCode, result.ToJsonString());
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
    }

    private static Alert DetectedAlert(DateTimeOffset opened) => new()
    {
        Id = AlertId.For("test-1", KpiId.AverageSpeedOfAnswer, new Slice(SliceDimension.Queue, "billing"), opened),
        RulesVersion = "test-1",
        RuleId = "queue-wait",
        Kpi = KpiId.AverageSpeedOfAnswer,
        Slice = new Slice(SliceDimension.Queue, "billing"),
        Status = AlertStatus.Open,
        Severity = AlertSeverity.Error,
        Detector = "static",
        Direction = BreachDirection.Above,
        Value = 95,
        OpeningValue = 95,
        PeakValue = 95,
        WindowStart = opened.AddMinutes(-1),
        WindowEnd = opened,
        OpenedAt = opened,
        BreachCount = 3,
        Route = new RoutingHint(null, null, "queue-wait"),
        Message = "Error: Average speed of answer for queue=billing is 95 s",
    };
}
