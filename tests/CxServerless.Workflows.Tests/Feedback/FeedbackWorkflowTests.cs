using Azure.Data.Tables;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Escalation;
using CxServerless.Testing;
using CxServerless.Workflows.Escalation;
using CxServerless.Workflows.Feedback;
using CxServerless.Workflows.Tasks;
using CxServerless.Workflows.Tests.Escalation;
using CxServerless.Workflows.Tests.Support;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Workflows.Tests.Feedback;

/// <summary>
/// The closed feedback loop on Azurite through the hosted worker: the follow-up task climbs the roster's chain (the
/// escalation workflow as a sub-orchestration), the follow-up waits a few seconds, and the loop's row records the outcome.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class FeedbackWorkflowTests(AzuriteFixture azurite)
{
    private const string Customer = "c-k1-0123456789abcdef0123456789abcdef";

    private readonly FeedbackReportStore _report =
        new(new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("report")));

    private async Task<(WorkflowHarness Harness, TaskStore Tasks, NotificationStore Notes, FeedbackLoopStore Loops)> StartAsync()
    {
        var tasks = new TaskStore(new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("tasks")));
        var notes = new NotificationStore(new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("notes")));
        var loops = new FeedbackLoopStore(new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("loops")));
        var harness = await WorkflowHarness.StartAsync(azurite.ConnectionString, _ => { }, services: s =>
        {
            s.AddSingleton(tasks);
            s.AddSingleton(notes);
            s.AddSingleton(loops);
            s.AddSingleton(_report);
            s.AddSingleton<IRosterSource>(new FixedRoster(RosterParser.ParseOrThrow(FixedRoster.Fast)));
        });
        return (harness, tasks, notes, loops);
    }

    private static FeedbackLoopRequest Loop(int sequence, TimeSpan? timeout = null) => new(
        FeedbackLoopRequest.NewLoopId(), Customer, $"survey-{sequence}", ["nps", "negativeText"], "billing",
        "queue=billing", AlertSeverity.Warning, "fb-test-1", new FeedbackScores(2, 3, null, -0.7),
        TimeSpan.FromSeconds(3), timeout ?? TimeSpan.FromMinutes(2), ["inbox"]);

    private static Task<string> StartLoopAsync(DurableTaskClient client, FeedbackLoopRequest loop) =>
        client.ScheduleNewOrchestrationInstanceAsync(nameof(FeedbackOrchestrator), loop, new StartOrchestrationOptions(loop.LoopId));

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> read, Func<T, bool> done, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await read() is { } value && done(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{what} did not happen within {seconds} s.");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task A_resolved_task_is_followed_up_after_the_delay_and_the_answer_closes_the_loop_with_its_delta()
    {
        var (h, tasks, notes, loops) = await StartAsync();
        await using var _ = h;
        var loop = Loop(1);
        await StartLoopAsync(h.Client, loop);
        var taskId = EscalationRequest.TaskIdFor(loop.LoopId);

        var task = await EventuallyAsync(() => tasks.GetAsync(taskId, default), t => t.Assignee is not null, "the follow-up task");
        Assert.Equal(("lead-1", "billing", "feedback"), (task.Assignee, task.Team, task.Source));
        Assert.Equal(EscalationRequest.InstanceIdFor(loop.LoopId), task.InstanceId);
        Assert.Equal(FeedbackLoopStages.Open, (await loops.GetAsync(Customer, loop.LoopId, default))!.Status);

        var escalation = EscalationRequest.InstanceIdFor(loop.LoopId);
        await h.Client.RaiseEventAsync(escalation, TaskAction.EventName, new TaskAction("acknowledge", "lead-1"));
        await EventuallyAsync(() => tasks.GetAsync(taskId, default), t => t.Status == TaskStatuses.Acknowledged, "the acknowledgement");
        await h.Client.RaiseEventAsync(escalation, TaskAction.EventName, new TaskAction("resolve", "lead-1", "refunded"));

        // No request before the delay; then one request to the customer's pseudonym.
        var resolved = await EventuallyAsync(
            () => loops.GetAsync(Customer, loop.LoopId, default), l => l.Status != FeedbackLoopStages.Open, "the resolution");
        Assert.Equal(FeedbackLoopStages.Resolved, resolved.Status);
        Assert.Empty(await notes.ListForAsync(Customer, 10, default));
        var awaiting = await EventuallyAsync(
            () => loops.GetAsync(Customer, loop.LoopId, default), l => l.Status == FeedbackLoopStages.AwaitingResponse, "the request");
        Assert.True(
            awaiting.FollowUpRequestedAt - resolved.ResolvedAt >= TimeSpan.FromSeconds(3) - TimeSpan.FromMilliseconds(50),
            $"resolved {resolved.ResolvedAt:O}, follow-up requested {awaiting.FollowUpRequestedAt:O}");
        var request = Assert.Single(await notes.ListForAsync(Customer, 10, default));
        Assert.Equal((RequestFollowUpSurvey.Kind, taskId), (request.Kind, request.TaskId));

        await h.Client.RaiseEventAsync(loop.LoopId, FollowUpResponse.EventName,
            new FollowUpResponse("survey-after", new FeedbackScores(4, 8, null, 0.5), DateTimeOffset.UtcNow));
        var done = await h.WaitAsync(loop.LoopId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(FeedbackLoopStages.Responded, done.ReadOutputAs<FeedbackLoopOutcome>()!.Outcome);

        var row = (await loops.GetAsync(Customer, loop.LoopId, default))!;
        Assert.Equal((FeedbackLoopStages.Closed, FeedbackLoopStages.Responded, "billing", "fb-test-1", "nps,negativeText"),
            (row.Status, row.Outcome, row.Team, row.RulesVersion, row.Reasons));
        Assert.Equal(new FeedbackScores(2, 3, null, -0.7), row.Before);
        Assert.Equal(new FeedbackScores(4, 8, null, 0.5), row.After);
        Assert.Equal("survey-after", row.FollowUpEventId);
        Assert.True(row.RecoveredDetractor);
        Assert.True(row.AcknowledgeSeconds > 0 && row.AcknowledgeSeconds <= row.ResolveSeconds && row.ResolveSeconds < row.CloseSeconds);
        var entity = (await loops.Table.GetEntityAsync<TableEntity>(Customer, loop.LoopId)).Value;
        Assert.Equal((2, 5), (entity.GetInt32("CsatDelta"), entity.GetInt32("NpsDelta")));
        Assert.Equal(1.2, entity.GetDouble("SentimentDelta")!.Value, 6);

        // The reporting row: the same facts in the opening day's partition, without the pseudonym or an event id.
        var facts = Assert.Single(await _report.ListOpenedAsync(row.OpenedAt.AddSeconds(-1), row.OpenedAt, default));
        Assert.Equal((loop.LoopId, "billing", "billing", true, false, false),
            (facts.LoopId, facts.Team, facts.Topic, facts.TaskEnded, facts.Dismissed, facts.SlaBreached));
        Assert.Equal((3, 8, -0.7, 0.5), (facts.BeforeNps, facts.AfterNps, facts.BeforeSentiment, facts.AfterSentiment));
        var report = (await _report.Table.GetEntityAsync<TableEntity>(FeedbackReportStore.PartitionFor(row.OpenedAt), loop.LoopId)).Value;
        Assert.Equal(FeedbackLoopStages.Closed, report.GetString("Status"));
        Assert.Equal(1.2, report.GetDouble("SentimentDelta")!.Value, 6);
        Assert.DoesNotContain(((IDictionary<string, object>)report).Values, v => v is string text
            && (text.Contains(Customer, StringComparison.Ordinal) || text.Contains("survey-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Without_an_answer_the_loop_closes_as_no_response_and_a_false_alarm_is_dismissed_without_a_follow_up()
    {
        var (h, tasks, notes, loops) = await StartAsync();
        await using var _ = h;
        var silent = Loop(1, timeout: TimeSpan.FromSeconds(2));
        var dismissed = Loop(2);
        foreach (var loop in new[] { silent, dismissed })
        {
            await StartLoopAsync(h.Client, loop);
            await EventuallyAsync(
                () => tasks.GetAsync(EscalationRequest.TaskIdFor(loop.LoopId), default), t => t.Assignee is not null, "the task");
        }

        await h.Client.RaiseEventAsync(EscalationRequest.InstanceIdFor(silent.LoopId), TaskAction.EventName,
            new TaskAction("resolve", "lead-1", "called back"));
        await h.Client.RaiseEventAsync(EscalationRequest.InstanceIdFor(dismissed.LoopId), TaskAction.EventName,
            new TaskAction("falseAlarm", "lead-1", "test survey"));

        Assert.Equal(FeedbackLoopStages.NoResponse, (await h.WaitAsync(silent.LoopId)).ReadOutputAs<FeedbackLoopOutcome>()!.Outcome);
        var gone = (await h.WaitAsync(dismissed.LoopId)).ReadOutputAs<FeedbackLoopOutcome>()!;
        Assert.Equal((FeedbackLoopStages.Dismissed, "falseAlarm"), (gone.Outcome, gone.TaskClosure));

        var silentRow = (await loops.GetAsync(Customer, silent.LoopId, default))!;
        Assert.Equal((FeedbackLoopStages.Closed, FeedbackLoopStages.NoResponse), (silentRow.Status, silentRow.Outcome));
        Assert.Null(silentRow.After);
        Assert.Null(silentRow.AcknowledgedAt);
        var dismissedRow = (await loops.GetAsync(Customer, dismissed.LoopId, default))!;
        Assert.Equal((FeedbackLoopStages.Closed, FeedbackLoopStages.Dismissed), (dismissedRow.Status, dismissedRow.Outcome));
        Assert.Null(dismissedRow.FollowUpRequestedAt);

        // One follow-up request: the silent loop's, never the dismissed one's.
        var requests = await notes.ListForAsync(Customer, 10, default);
        Assert.Equal([RequestFollowUpSurvey.KeyFor(silent.LoopId)], requests.Select(n => n.Key));
    }

    [Fact]
    public async Task Claims_open_one_loop_per_customer_within_the_cap_and_attach_the_rest_once_each()
    {
        var loops = new FeedbackLoopStore(new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("loops")));
        var now = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
        var cap = TimeSpan.FromDays(30);

        // Eight triggers of one customer claimed at once: one opens the loop, the others see it.
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => loops.ClaimAsync(Customer, $"e{i}", now, cap, default)));
        var opener = Assert.Single(claims, c => c.Opens);
        Assert.All(claims, c => Assert.Equal((opener.Head.LoopId, 1), (c.Head.LoopId, c.Head.Sequence)));
        Assert.Matches("^feedback-[0-9a-f]{32}$", opener.Head.LoopId);
        var redelivered = await loops.ClaimAsync(Customer, opener.Head.EventId, now, cap, default);
        Assert.True(redelivered.Opens);
        Assert.Equal(opener.Head.LoopId, redelivered.Head.LoopId);

        Assert.True(await loops.AttachAsync(Customer, opener.Head.LoopId, "later", ["csat"], "billing", now, default));
        Assert.False(await loops.AttachAsync(Customer, opener.Head.LoopId, "later", ["csat"], "billing", now, default));
        Assert.Equal(1, await loops.AttachedAsync(Customer, opener.Head.LoopId, default));

        // Closed but inside the cap: still attaches. Closed and past the cap: the next loop opens.
        var record = new FeedbackLoopRecord(Customer, opener.Head.LoopId, opener.Head.EventId, "nps", "billing", "v", "closed", now);
        await loops.SaveAsync(record, default);
        Assert.False((await loops.ClaimAsync(Customer, "inside", now.AddDays(29), cap, default)).Opens);
        var next = await loops.ClaimAsync(Customer, "outside", now.AddDays(31), cap, default);
        Assert.True(next.Opens);
        Assert.Equal(2, next.Head.Sequence);
        Assert.NotEqual(opener.Head.LoopId, next.Head.LoopId);
    }
}
