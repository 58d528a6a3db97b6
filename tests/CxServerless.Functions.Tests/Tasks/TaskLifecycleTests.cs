using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Testing;
using CxServerless.Workflows.Client;
using CxServerless.Workflows.Escalation;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Functions.Tests.Tasks;

/// <summary>
/// The task inbox API through the real handler over HTTP, driving the real escalation workflow hosted in it: what a
/// person does in the inbox reaches the workflow as one <c>taskAction</c> event and shows on the task at once.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class TaskLifecycleTests(AzuriteFixture azurite)
{
    private static string NewAlertId() => "al" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task The_assignee_acknowledges_comments_and_resolves_and_the_workflow_completes_with_every_step_on_the_timeline()
    {
        using var host = new TaskInboxHost(azurite);
        var alertId = NewAlertId();
        var task = await host.StartEscalationAsync(alertId, AlertSeverity.Critical);
        Assert.Equal("lead-billing", task.Assignee);
        var lead = Caller.BillingLead;

        var seen = await host.GetAsync(lead, task.TaskId);
        Assert.Equal(200, seen.Status);
        Assert.Equal(("open", "billing"), (Text(seen.Task, "status"), Text(seen.Task, "team")));
        Assert.True(seen.Task["mayAct"]!.GetValue<bool>());

        var acknowledged = await host.ActAsync("TaskAcknowledge", lead, task.TaskId);
        Assert.Equal(200, acknowledged.Status);
        Assert.Equal(("acknowledged", "lead-billing"), (Text(acknowledged.Task, "status"), Text(acknowledged.Task, "acknowledgedBy")));

        var again = await host.ActAsync("TaskAcknowledge", lead, task.TaskId);
        Assert.Equal(200, again.Status);
        Assert.Equal(Text(acknowledged.Task, "status"), Text(again.Task, "status"));
        Assert.Equal(Text(acknowledged.Task, "acknowledgedBy"), Text(again.Task, "acknowledgedBy"));
        Assert.Equal(Text(acknowledged.Task, "acknowledgedAt"), Text(again.Task, "acknowledgedAt"));
        Assert.Single(again.Timeline, e => Text(e, "key") == "api-acknowledge");

        // The workflow records the acknowledgement itself too (and starts the resolution SLA).
        await host.WaitForTimelineAsync(task.TaskId, t => t.Any(e => e.Kind == "acknowledged"));

        var commented = await host.ActAsync("TaskComment", lead, task.TaskId,
            """{"text":"Customer rang from +44 20 7946 0958, moving two agents"}""");
        Assert.Equal(200, commented.Status);
        var comment = Assert.Single(commented.Timeline, e => Text(e, "kind") == "comment");
        Assert.StartsWith("Customer rang from ", Text(comment, "text"), StringComparison.Ordinal);
        Assert.DoesNotContain("7946", Text(comment, "text"), StringComparison.Ordinal);
        Assert.Equal("lead-billing", Text(comment, "by"));

        var resolved = await host.ActAsync("TaskResolve", lead, task.TaskId,
            """{"resolution":"two agents moved from sales","note":"watch it"}""");
        Assert.Equal(200, resolved.Status);
        Assert.Equal(("resolved", "resolved", "two agents moved from sales", "lead-billing"),
            (Text(resolved.Task, "status"), Text(resolved.Task, "closure"), Text(resolved.Task, "closureNote"),
                Text(resolved.Task, "closedBy")));
        Assert.False(resolved.Task["mayAct"]!.GetValue<bool>());

        var done = await host.Workflows.WaitForInstanceCompletionAsync(EscalationRequest.InstanceIdFor(alertId), getInputsAndOutputs: true)
            .WaitAsync(TimeSpan.FromSeconds(90));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var outcome = done.ReadOutputAs<EscalationOutcome>()!;
        Assert.Equal(("resolved", "lead-billing", false), (outcome.Closure, outcome.By, outcome.SlaBreached));

        // The workflow heard exactly two actions: the repeated acknowledge raised nothing, and comments are not events.
        var history = JsonNode.Parse(await host.Server.Services.GetRequiredService<AzureStorageDurableTaskClient>()
            .GetHistoryJsonAsync(EscalationRequest.InstanceIdFor(alertId)))!.AsArray();
        Assert.Equal(2, history.Count(e => e?["Name"]?.GetValue<string>() == TaskAction.EventName));

        var timeline = await host.WaitForTimelineAsync(task.TaskId, t => t.Any(e => e.Kind == "resolved"));
        Assert.Equal(
            ["created", "assigned", "acknowledge", "acknowledged", "comment", "resolve", "resolved"],
            timeline.Select(e => e.Kind));
        Assert.Equal(["api-acknowledge", "api-resolve"], timeline.Where(e => e.Kind is "acknowledge" or "resolve").Select(e => e.Key));
        var final = await host.GetAsync(lead, task.TaskId);
        Assert.Equal(("resolved", "resolved"), (Text(final.Task, "status"), Text(final.Task, "closure")));
    }

    [Fact]
    public async Task An_action_on_a_closed_task_is_409_and_changes_nothing_while_the_same_resolve_again_answers_as_before()
    {
        using var host = new TaskInboxHost(azurite);
        var task = await host.StartEscalationAsync(NewAlertId(), AlertSeverity.Critical);
        var lead = Caller.BillingLead;
        var resolved = await host.ActAsync("TaskResolve", lead, task.TaskId, """{"resolution":"queue drained"}""");
        Assert.Equal(200, resolved.Status);
        await host.WaitForTimelineAsync(task.TaskId, t => t.Any(e => e.Kind == "resolved"));
        var before = await host.GetAsync(Caller.Supervisor, task.TaskId);

        Assert.Equal(409, (await host.ActAsync("TaskAcknowledge", lead, task.TaskId)).Status);
        Assert.Equal(409, (await host.ActAsync("TaskComment", lead, task.TaskId, """{"text":"late note"}""")).Status);
        Assert.Equal(409, (await host.ActAsync("TaskReassign", Caller.Supervisor, task.TaskId, """{"to":"agent-2"}""")).Status);
        Assert.Equal(409, (await host.ActAsync("TaskFalseAlarm", lead, task.TaskId, """{"reason":"was noise"}""")).Status);
        var otherResolve = await host.ActAsync("TaskResolve", Caller.Supervisor, task.TaskId, """{"resolution":"something else"}""");
        Assert.Equal(409, otherResolve.Status);
        Assert.Contains("closed", otherResolve.Detail, StringComparison.Ordinal);

        var repeated = await host.ActAsync("TaskResolve", lead, task.TaskId, """{"resolution":"queue drained"}""");
        Assert.Equal(200, repeated.Status);
        Assert.Equal(Text(resolved.Task, "closedAt"), Text(repeated.Task, "closedAt"));

        var after = await host.GetAsync(Caller.Supervisor, task.TaskId);
        Assert.Equal(before.Body.ToJsonString(), after.Body.ToJsonString());
    }

    [Fact]
    public async Task A_false_alarm_closes_the_task_and_is_kept_with_the_alerts_rules_version_for_recalibration()
    {
        using var host = new TaskInboxHost(azurite);
        var alertId = NewAlertId();
        var alerts = new TableClient(azurite.ConnectionString, host.AlertsTable);
        await alerts.CreateIfNotExistsAsync();
        await alerts.AddEntityAsync(new TableEntity("alert", alertId) { ["RulesVersion"] = "7.3.1", ["RuleId"] = "queue-wait" });
        var task = await host.StartEscalationAsync(alertId, AlertSeverity.Critical, kpi: "AverageSpeedOfAnswer");

        var answer = await host.ActAsync("TaskFalseAlarm", Caller.Supervisor, task.TaskId,
            """{"reason":"test calls from jane.doe@example.com flooded the queue"}""");

        Assert.Equal(200, answer.Status);
        Assert.Equal(("resolved", "falseAlarm", "sup-1"),
            (Text(answer.Task, "status"), Text(answer.Task, "closure"), Text(answer.Task, "closedBy")));
        var done = await host.Workflows.WaitForInstanceCompletionAsync(EscalationRequest.InstanceIdFor(alertId), getInputsAndOutputs: true)
            .WaitAsync(TimeSpan.FromSeconds(90));
        Assert.Equal("falseAlarm", done.ReadOutputAs<EscalationOutcome>()!.Closure);

        var rows = new List<TableEntity>();
        await foreach (var row in new TableClient(azurite.ConnectionString, host.FalseAlarmsTable).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        var stored = Assert.Single(rows);
        Assert.Equal(alertId, stored.RowKey);
        Assert.Equal(("7.3.1", "queue-wait"), (stored.GetString("RulesVersion"), stored.GetString("RuleId")));
        Assert.Equal(("AverageSpeedOfAnswer", "queue=billing", "sup-1"),
            (stored.GetString("Kpi"), stored.GetString("Slice"), stored.GetString("By")));
        Assert.StartsWith("test calls from ", stored.GetString("Reason"), StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe", stored.GetString("Reason"), StringComparison.Ordinal);

        var repeated = await host.ActAsync("TaskFalseAlarm", Caller.Supervisor, task.TaskId,
            """{"reason":"test calls from jane.doe@example.com flooded the queue"}""");
        Assert.Equal(200, repeated.Status);
        var count = 0;
        await foreach (var _ in new TableClient(azurite.ConnectionString, host.FalseAlarmsTable).QueryAsync<TableEntity>())
        {
            count++;
        }

        Assert.Equal(1, count);
    }

    [Fact]
    public async Task A_reassignment_moves_the_task_and_the_new_assignee_finds_it_and_the_workflows_notification()
    {
        using var host = new TaskInboxHost(azurite);
        var alertId = NewAlertId();
        var task = await host.StartEscalationAsync(alertId, AlertSeverity.Critical);
        Assert.Equal(404, (await host.GetAsync(Caller.AgentTwo, task.TaskId)).Status);

        var moved = await host.ActAsync("TaskReassign", Caller.BillingLead, task.TaskId, """{"to":"agent-2"}""");

        Assert.Equal(200, moved.Status);
        Assert.Equal(("agent-2", "Agent Two"), (Text(moved.Task, "assignee"), Text(moved.Task, "assigneeName")));
        var mine = await host.ListAsync(Caller.AgentTwo, ("mine", "true"));
        Assert.Equal([task.TaskId], mine.TaskIds);

        // The workflow assigns, then notifies: wait for the notification itself.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        InboxAnswer notes;
        while ((notes = await host.InvokeAsync("Notifications", Caller.AgentTwo, "GET", null, null))
               .Body["notifications"]!.AsArray().Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "agent-2 got no notification in 90 s.");
            await Task.Delay(200);
        }

        Assert.Equal(200, notes.Status);
        var note = Assert.Single(notes.Body["notifications"]!.AsArray());
        Assert.Equal((task.TaskId, "reassigned"), (Text(note!.AsObject(), "taskId"), Text(note!.AsObject(), "kind")));
        var leadNotes = await host.InvokeAsync("Notifications", Caller.BillingLead, "GET", null, null);
        Assert.Equal(["assigned"], leadNotes.Body["notifications"]!.AsArray().Select(n => Text(n!.AsObject(), "kind")));

        var same = await host.ActAsync("TaskReassign", Caller.BillingLead, task.TaskId, """{"to":"agent-2"}""");
        Assert.Equal(200, same.Status);
        Assert.Single(same.Timeline, e => Text(e, "kind") == "reassign");
    }

    [Fact]
    public async Task Tasks_are_listed_newest_first_a_page_at_a_time_and_filtered_by_status_mine_team_and_alert()
    {
        using var host = new TaskInboxHost(azurite);
        var ids = new List<string>();
        foreach (var (slice, severity) in new[] { ("queue=billing", AlertSeverity.Critical), ("queue=sales", AlertSeverity.Error),
                     ("queue=billing", AlertSeverity.Error) })
        {
            ids.Add((await host.StartEscalationAsync(NewAlertId(), severity, slice)).TaskId);
        }

        Assert.Equal(200, (await host.ActAsync("TaskAcknowledge", Caller.Supervisor, ids[2])).Status);

        var first = await host.ListAsync(Caller.Supervisor, ("top", "2"));
        Assert.Equal(200, first.Status);
        Assert.Equal([ids[2], ids[1]], first.TaskIds);
        var token = first.Body["continuationToken"]!.GetValue<string>();
        var second = await host.ListAsync(Caller.Supervisor, ("top", "2"), ("continuationToken", token));
        Assert.Equal([ids[0]], second.TaskIds);
        Assert.Null(second.Body["continuationToken"]);

        Assert.Equal([ids[2]], (await host.ListAsync(Caller.Supervisor, ("status", "acknowledged"))).TaskIds);
        Assert.Equal([ids[1], ids[0]], (await host.ListAsync(Caller.Supervisor, ("status", "open"))).TaskIds);
        Assert.Empty((await host.ListAsync(Caller.Supervisor, ("status", "resolved"))).TaskIds);
        Assert.Equal([ids[1]], (await host.ListAsync(Caller.Supervisor, ("team", "sales"))).TaskIds);
        Assert.Equal([ids[1]], (await host.ListAsync(Caller.Supervisor, ("alertId", ids[1]["task-".Length..]))).TaskIds);
        Assert.Equal([ids[2], ids[0]], (await host.ListAsync(Caller.BillingLead, ("mine", "true"))).TaskIds);
        Assert.Equal([ids[1]], (await host.ListAsync(Caller.SalesLead)).TaskIds);
        var viewer = (await host.ListAsync(Caller.SalesLead)).Body["viewer"]!.AsObject();
        Assert.Equal(("team", "sales", "lead-sales"), (Text(viewer, "scope"), Text(viewer, "team"), Text(viewer, "userId")));
    }

    private static string Text(JsonObject obj, string name) => obj[name]?.GetValue<string>() ?? "(absent)";
}
