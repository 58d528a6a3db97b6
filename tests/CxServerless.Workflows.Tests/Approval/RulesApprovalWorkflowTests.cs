using Azure.Data.Tables;
using CxServerless.Testing;
using CxServerless.Workflows.Approval;
using CxServerless.Workflows.Escalation;
using CxServerless.Workflows.Tasks;
using CxServerless.Workflows.Tests.Support;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Workflows.Tests.Approval;

/// <summary>
/// The rules approval workflow on Azurite through the hosted worker: the OpsAdmin inbox task, what a resolution
/// decides, and the timeout after which the draft expires.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class RulesApprovalWorkflowTests(AzuriteFixture azurite)
{
    private async Task<(WorkflowHarness Harness, TaskStore Tasks, RecordingDecider Decider)> StartAsync()
    {
        var tasks = new TaskStore(new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("aptasks")));
        await tasks.EnsureAsync(CancellationToken.None);
        var decider = new RecordingDecider();
        var harness = await WorkflowHarness.StartAsync(azurite.ConnectionString, _ => { }, services: s =>
        {
            s.AddSingleton(tasks);
            s.AddSingleton<IRulesDraftDecider>(decider);
        });
        return (harness, tasks, decider);
    }

    private static async Task<string> StartApprovalAsync(DurableTaskClient client, string draft, TimeSpan timeout) =>
        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(RulesApprovalOrchestrator),
            new RulesApprovalRequest(draft, "1.2.0", $"Approve rules draft {draft}", timeout),
            new StartOrchestrationOptions(RulesApprovalRequest.InstanceIdFor(draft)));

    private static async Task<TaskRecord> WaitForTaskAsync(TaskStore tasks, string taskId, Func<TaskRecord, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await tasks.GetAsync(taskId, CancellationToken.None) is { } task && condition(task))
            {
                return task;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Task {taskId} did not reach the expected state.");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task The_task_lands_in_the_ops_admin_inbox_an_acknowledgement_decides_nothing_and_resolving_approves()
    {
        var (h, tasks, decider) = await StartAsync();
        await using var _ = h;
        var instance = await StartApprovalAsync(h.Client, "1.2.0-r20261207", TimeSpan.FromHours(1));
        var taskId = RulesApprovalRequest.TaskIdFor("1.2.0-r20261207");

        var task = await WaitForTaskAsync(tasks, taskId, _ => true);
        Assert.Equal(("ops-admins", "approval", TaskStatuses.Open), (task.Team, task.Source, task.Status));
        Assert.Equal(instance, task.InstanceId);

        await h.Client.RaiseEventAsync(instance, TaskAction.EventName, new TaskAction("acknowledge", "admin-1"));
        await h.Client.RaiseEventAsync(instance, TaskAction.EventName, new TaskAction("resolve", "admin-1", "looks right"));
        var done = await h.WaitAsync(instance);

        var outcome = done.ReadOutputAs<RulesApprovalOutcome>()!;
        Assert.Equal(("approved", "admin-1", "activated"), (outcome.Decision, outcome.By, outcome.Result));
        Assert.Equal([("activate", "1.2.0-r20261207", "admin-1")], decider.Calls);
        var closed = await WaitForTaskAsync(tasks, taskId, t => t.IsClosed);
        Assert.Equal("approved", closed.Closure);
    }

    [Fact]
    public async Task A_resolution_that_starts_with_reject_expires_the_draft()
    {
        var (h, _, decider) = await StartAsync();
        await using var _h = h;
        var instance = await StartApprovalAsync(h.Client, "1.2.0-r20261208", TimeSpan.FromHours(1));

        var reject = new TaskAction("resolve", "admin-2", "Reject: loses the billing incident");
        await h.Client.RaiseEventAsync(instance, TaskAction.EventName, reject);
        var outcome = (await h.WaitAsync(instance)).ReadOutputAs<RulesApprovalOutcome>()!;

        Assert.Equal(("rejected", "expired"), (outcome.Decision, outcome.Result));
        Assert.Equal([("expire", "1.2.0-r20261208", "admin-2")], decider.Calls);
    }

    [Fact]
    public async Task Without_a_decision_the_draft_expires_at_the_timeout_and_the_task_closes()
    {
        var (h, tasks, decider) = await StartAsync();
        await using var _h = h;
        var instance = await StartApprovalAsync(h.Client, "1.2.0-r20261209", TimeSpan.FromSeconds(3));

        var outcome = (await h.WaitAsync(instance)).ReadOutputAs<RulesApprovalOutcome>()!;

        Assert.Equal(("expired", "system", "expired"), (outcome.Decision, outcome.By, outcome.Result));
        Assert.Equal([("expire", "1.2.0-r20261209", "system")], decider.Calls);
        var task = await WaitForTaskAsync(tasks, RulesApprovalRequest.TaskIdFor("1.2.0-r20261209"), t => t.IsClosed);
        Assert.Equal(("expired", "system"), (task.Closure, task.ClosedBy));
        var timeline = await tasks.TimelineAsync(task.TaskId, CancellationToken.None);
        Assert.Equal(["created", "expired"], timeline.Select(e => e.Kind));
    }
}
