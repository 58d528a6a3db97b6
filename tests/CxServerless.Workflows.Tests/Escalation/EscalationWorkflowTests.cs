using Azure.Data.Tables;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Escalation;
using CxServerless.Testing;
using CxServerless.Workflows.Escalation;
using CxServerless.Workflows.Notifications;
using CxServerless.Workflows.Tasks;
using CxServerless.Workflows.Tests.Support;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Workflows.Tests.Escalation;

/// <summary>The escalation workflow on Azurite through the hosted worker, with a roster whose SLAs are seconds.</summary>
[Collection(AzuriteTests.Name)]
public sealed class EscalationWorkflowTests(AzuriteFixture azurite)
{
    private static readonly Roster Roster = RosterParser.ParseOrThrow(FixedRoster.Fast);

    private async Task<(WorkflowHarness Harness, TaskStore Tasks, NotificationStore Notifications)> StartAsync(
        Roster? roster = null, params INotificationChannel[] channels)
    {
        var tasks = new TaskStore(new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("tasks")));
        var notifications = new NotificationStore(new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("notes")));
        await tasks.EnsureAsync(CancellationToken.None);
        await notifications.EnsureAsync(CancellationToken.None);
        var harness = await WorkflowHarness.StartAsync(azurite.ConnectionString, _ => { }, services: s =>
        {
            s.AddSingleton(tasks);
            s.AddSingleton(notifications);
            s.AddSingleton<IRosterSource>(new FixedRoster(roster ?? Roster));
            foreach (var channel in channels)
            {
                s.AddSingleton(channel);
            }
        });
        return (harness, tasks, notifications);
    }

    private static EscalationRequest Alert(string id, AlertSeverity severity = AlertSeverity.Critical) =>
        new(id, severity, "Average speed of answer 95 s on queue=billing", "queue=billing", "AverageSpeedOfAnswer",
            new RoutingHint(null, null, "queue-wait"), "detected");

    private static async Task<string> StartEscalationAsync(DurableTaskClient client, EscalationRequest request) =>
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(EscalationOrchestrator), request,
            new StartOrchestrationOptions(EscalationRequest.InstanceIdFor(request.AlertId)));

    private static async Task<TaskRecord> WaitForTaskAsync(TaskStore tasks, string taskId, Func<TaskRecord, bool> condition, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await tasks.GetAsync(taskId, CancellationToken.None) is { } task && condition(task))
            {
                return task;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Task {taskId} did not reach the expected state in {seconds} s.");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task An_unacknowledged_task_is_reminded_then_escalated_and_closes_when_acknowledged_and_resolved()
    {
        var (h, tasks, notifications) = await StartAsync();
        await using var _ = h;
        var alert = Alert("a1");
        var instance = await StartEscalationAsync(h.Client, alert);
        var taskId = EscalationRequest.TaskIdFor("a1");

        var first = await WaitForTaskAsync(tasks, taskId, t => t.Assignee is not null);
        Assert.Equal("lead-1", first.Assignee);
        Assert.Equal("billing", first.Team);
        Assert.Equal(0, first.Level);

        var escalated = await WaitForTaskAsync(tasks, taskId, t => t.Level == 1);
        Assert.Equal("sup-1", escalated.Assignee);
        var kinds = (await tasks.TimelineAsync(taskId, CancellationToken.None)).Select(e => e.Kind).ToList();
        Assert.Equal(["created", "assigned", "reminded", "escalated"], kinds);
        var leadNotes = await notifications.ListForAsync("lead-1", 10, CancellationToken.None);
        Assert.Equal(["assigned", "reminded"], leadNotes.OrderBy(n => n.At).Select(n => n.Kind));
        Assert.Contains("teams: not configured", leadNotes.Single(n => n.Kind == "assigned").Delivery, StringComparison.Ordinal);
        Assert.Single(await notifications.ListForAsync("sup-1", 10, CancellationToken.None));

        await h.Client.RaiseEventAsync(instance, TaskAction.EventName, new TaskAction("acknowledge", "sup-1"));
        var acked = await WaitForTaskAsync(tasks, taskId, t => t.Status == TaskStatuses.Acknowledged);
        Assert.Equal("sup-1", acked.AcknowledgedBy);
        await h.Client.RaiseEventAsync(instance, TaskAction.EventName, new TaskAction("resolve", "sup-1", "staffing moved from sales"));

        var done = await h.WaitAsync(instance);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var outcome = done.ReadOutputAs<EscalationOutcome>()!;
        Assert.Equal(("resolved", "sup-1", 1, false), (outcome.Closure, outcome.By, outcome.Level, outcome.SlaBreached));
        var closed = (await tasks.GetAsync(taskId, CancellationToken.None))!;
        Assert.Equal((TaskStatuses.Resolved, "resolved", "staffing moved from sales"), (closed.Status, closed.Closure, closed.ClosureNote));
    }

    [Fact]
    public async Task After_the_last_level_the_task_stays_open_flagged_breached_and_the_alert_resolving_closes_it()
    {
        using var recorded = new RecordedMeasurements("cx.escalation.task_changes");
        var (h, tasks, _) = await StartAsync();
        await using var _h = h;
        var instance = await StartEscalationAsync(h.Client, Alert("a2", AlertSeverity.Error));
        var taskId = EscalationRequest.TaskIdFor("a2");

        var breached = await WaitForTaskAsync(tasks, taskId, t => t.SlaBreached, seconds: 90);
        Assert.Equal(TaskStatuses.Open, breached.Status);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await h.Client.GetInstanceAsync(instance))!.RuntimeStatus);

        await h.Client.RaiseEventAsync(instance, TaskAction.EventName, new TaskAction("alertResolved", "system", "the KPI recovered"));
        var done = await h.WaitAsync(instance);
        Assert.Equal("alertResolved", done.ReadOutputAs<EscalationOutcome>()!.Closure);
        Assert.True(done.ReadOutputAs<EscalationOutcome>()!.SlaBreached);
        Assert.Equal("alertResolved", (await tasks.GetAsync(taskId, CancellationToken.None))!.Closure);
        Assert.NotEmpty(recorded.Of("cx.escalation.task_changes", ("kind", "slaBreached")));
        Assert.NotEmpty(recorded.Of("cx.escalation.task_changes", ("kind", "alertResolved")));
    }

    [Fact]
    public async Task The_same_alert_started_again_never_makes_a_second_instance_or_task()
    {
        var (h, tasks, _) = await StartAsync();
        await using var _h = h;
        var alert = Alert("a3", AlertSeverity.Warning);
        await StartEscalationAsync(h.Client, alert);
        await WaitForTaskAsync(tasks, EscalationRequest.TaskIdFor("a3"), t => t.Assignee is not null);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => StartEscalationAsync(h.Client, alert));

        Assert.Single(await tasks.ListAsync(CancellationToken.None));
        var timeline = await tasks.TimelineAsync(EscalationRequest.TaskIdFor("a3"), CancellationToken.None);
        Assert.Equal(["created", "assigned"], timeline.Select(e => e.Kind));
    }

    [Fact]
    public async Task A_channel_that_keeps_failing_is_recorded_on_the_notification_and_the_escalation_goes_on()
    {
        var roster = RosterParser.ParseOrThrow(FixedRoster.Fast.Replace(
            "\"channels\": [\"teams\"]", "\"channels\": [\"teams\", \"email\", \"webhook\"]", StringComparison.Ordinal));
        var webhook = new ScriptedChannel("webhook", _ => ChannelOutcome.Delivered);
        var (h, tasks, notifications) = await StartAsync(
            roster,
            new ScriptedChannel("teams", _ => throw new HttpRequestException("connection refused")),
            new ScriptedChannel("email", _ => ChannelOutcome.Failed("HTTP 503")),
            webhook);
        await using var _h = h;
        var instance = await StartEscalationAsync(h.Client, Alert("a4"));
        var taskId = EscalationRequest.TaskIdFor("a4");

        // The first level's SLA lapses with every delivery to it failing on two channels, and the task still climbs.
        var escalated = await WaitForTaskAsync(tasks, taskId, t => t.Level == 1);
        Assert.Equal("sup-1", escalated.Assignee);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await h.Client.GetInstanceAsync(instance))!.RuntimeStatus);

        var leadNotes = await notifications.ListForAsync("lead-1", 10, CancellationToken.None);
        Assert.Equal(["assigned", "reminded"], leadNotes.OrderBy(n => n.At).Select(n => n.Kind));
        Assert.All(leadNotes, n => Assert.Equal(
            "teams: failed: HttpRequestException; email: failed: HTTP 503; webhook: delivered", n.Delivery));
        Assert.Equal(2, webhook.Sent.Count(d => d.Recipient?.Id == "lead-1"));

        // The second level has only the inbox: nothing to deliver.
        Assert.Equal("inbox", Assert.Single(await notifications.ListForAsync("sup-1", 10, CancellationToken.None)).Delivery);

        await h.Client.RaiseEventAsync(instance, TaskAction.EventName, new TaskAction("resolve", "sup-1", "fixed"));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await h.WaitAsync(instance)).RuntimeStatus);
    }

    /// <summary>A channel whose answer the test decides; records what it was asked to send.</summary>
    private sealed class ScriptedChannel(string name, Func<NotificationDelivery, ChannelOutcome> answer) : INotificationChannel
    {
        public System.Collections.Concurrent.ConcurrentQueue<NotificationDelivery> Sent { get; } = new();

        public string Name => name;

        public Task<ChannelOutcome> SendAsync(NotificationDelivery delivery, CancellationToken cancellationToken)
        {
            Sent.Enqueue(delivery);
            return Task.FromResult(answer(delivery));
        }
    }
}
