using CxServerless.Durable.Client;
using CxServerless.Durable.History;
using CxServerless.Durable.Orchestration;
using CxServerless.Durable.Registration;

namespace CxServerless.Durable.Tests.Replay;

/// <summary>The rules of one episode, without storage: classification of messages, replay, and what is committed.</summary>
public sealed class EpisodeLogicTests
{
    [Fact]
    public void A_result_delivered_again_is_recognised_and_points_at_the_episode_that_applied_it()
    {
        var i = new InMemoryInstance(s => s.AddOrchestrator<int, int>("Two", async (ctx, _) =>
            await ctx.CallActivityAsync<int>("A") + await ctx.CallActivityAsync<int>("B")), "Two", "0");
        i.Deliver(i.Start());
        var applied = i.Deliver(i.Completed(0, "1"))!;

        Assert.Null(i.Deliver(i.Completed(0, "1")));
        Assert.Equal([applied.State.Episode], i.LastPlan!.DuplicateEpisodes);
        Assert.Single(applied.Outgoing, o => o.ToActivityQueue && o.Message.Name == "B");
    }

    [Fact]
    public void Results_for_an_old_generation_or_an_unscheduled_step_are_dropped()
    {
        var i = new InMemoryInstance(s => s.AddOrchestrator<int, int>("One", (ctx, _) => ctx.CallActivityAsync<int>("A")), "One", "0");
        i.Deliver(i.Start());

        Assert.Null(i.Deliver(i.Completed(0, "1") with { Generation = 7 }));
        Assert.Null(i.Deliver(i.Completed(5, "1")));
        Assert.Equal(1, i.LastPlan!.Dropped);
        Assert.Equal(WorkflowStatus.Running, i.State.Status);
    }

    [Fact]
    public void The_same_result_twice_in_one_batch_is_applied_once()
    {
        var i = new InMemoryInstance(s => s.AddOrchestrator<int, int>("One", (ctx, _) => ctx.CallActivityAsync<int>("A")), "One", "0");
        i.Deliver(i.Start());
        var commit = i.Deliver(i.Completed(0, "4"), i.Completed(0, "4"))!;

        Assert.Single(commit.Events, e => e.Kind == HistoryEventKind.ActivityCompleted);
        Assert.Equal(WorkflowStatus.Completed, i.State.Status);
        Assert.Equal("4", i.State.Output);
    }

    [Fact]
    public void WhenAll_fails_only_after_every_step_finished()
    {
        var i = new InMemoryInstance(s => s.AddOrchestrator<int, int>("Both", async (ctx, _) =>
            (await Task.WhenAll(ctx.CallActivityAsync<int>("A"), ctx.CallActivityAsync<int>("B"))).Sum()), "Both", "0");
        i.Deliver(i.Start());
        i.Deliver(i.Failed(0));
        Assert.Equal(WorkflowStatus.Running, i.State.Status);

        i.Deliver(i.Completed(1, "2"));
        Assert.Equal(WorkflowStatus.Failed, i.State.Status);
        Assert.Equal(nameof(ActivityFailedException), i.State.Failure!.ErrorType);
    }

    [Fact]
    public void A_cancelled_wait_consumes_no_event_and_a_cancelled_timer_is_never_seen()
    {
        var i = new InMemoryInstance(s => s.AddOrchestrator<int, string>("Waits", async (ctx, _) =>
        {
            using var cts = new CancellationTokenSource();
            var first = ctx.WaitForExternalEvent<string>("E", cts.Token);
            var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddHours(1), cts.Token);
            await ctx.CallActivityAsync<int>("A");
#pragma warning disable CA1849 // Cancel() runs the callbacks on the orchestration's thread, which replay needs.
            cts.Cancel();
#pragma warning restore CA1849
            var second = await ctx.WaitForExternalEvent<string>("E");
            return $"{first.IsCanceled}/{timer.IsCanceled}/{second}";
        }), "Waits", "0");
        i.Deliver(i.Start());
        i.Deliver(i.Completed(1, "1")); // the timer is step 0, the activity step 1
        i.Deliver(i.Fired(0));
        Assert.Equal(WorkflowStatus.Running, i.State.Status);

        i.Deliver(InMemoryInstance.Event("E", "\"late\"", "e1"));
        Assert.Equal("\"True/True/late\"", i.State.Output);
    }

    [Fact]
    public void ContinueAsNew_without_preserving_events_drops_them_and_starts_a_new_generation()
    {
        var i = new InMemoryInstance(s => s.AddOrchestrator<int, string>("Loop", async (ctx, n) =>
        {
            if (n == 0)
            {
                await ctx.CallActivityAsync<int>("A");
                ctx.ContinueAsNew(1, preserveUnprocessedEvents: false);
                return "continued";
            }

            return "gen " + n;
        }), "Loop", "0");
        i.Deliver(i.Start());
        var commit = i.Deliver(InMemoryInstance.Event("Ignored", "1", "e1"), i.Completed(0, "1"))!;

        Assert.Equal(1, i.State.Generation);
        Assert.Equal([HistoryEventKind.WorkflowStarted], commit.Events.Select(e => e.Kind));
        Assert.Single(commit.Outgoing, o => o.Message.Kind == Messaging.MessageKind.Start && o.Message.Generation == 1);
        i.Deliver(i.Start());
        Assert.Equal("\"gen 1\"", i.State.Output);
    }

    [Fact]
    public void A_result_for_a_step_the_code_no_longer_schedules_is_non_determinism()
    {
        var version = 1;
        var i = new InMemoryInstance(s => s.AddOrchestrator<int, int>("Changing", async (ctx, _) =>
            version == 1 ? await ctx.CallActivityAsync<int>("A") : 0 + await ctx.WaitForExternalEvent<int>("X")), "Changing", "0");
        i.Deliver(i.Start());
        version = 2;
        i.Deliver(i.Completed(0, "1"));

        Assert.Equal(WorkflowStatus.Failed, i.State.Status);
        Assert.Equal("NonDeterminism", i.State.Failure!.ErrorType);
    }

    [Fact]
    public void A_timer_where_history_has_an_activity_is_non_determinism()
    {
        var useTimer = false;
        var i = new InMemoryInstance(s => s.AddOrchestrator<int, int>("Swap", async (ctx, _) =>
        {
            if (useTimer)
            {
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMinutes(1), CancellationToken.None);
            }
            else
            {
                await ctx.CallActivityAsync<int>("A");
            }

            return await ctx.WaitForExternalEvent<int>("X");
        }), "Swap", "0");
        i.Deliver(i.Start());
        useTimer = true;
        i.Deliver(InMemoryInstance.Event("X", "1", "e1"));

        Assert.Equal("NonDeterminism", i.State.Failure!.ErrorType);
        Assert.Contains("Activity 'A' at sequence number 0", i.State.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("scheduled Timer", i.State.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_orchestrator_or_an_exception_fails_the_instance_with_the_reason()
    {
        var unknown = new InMemoryInstance(_ => { }, "Nobody");
        unknown.Deliver(unknown.Start());
        Assert.Equal("UnknownOrchestrator", unknown.State.Failure!.ErrorType);

        var throwing = new InMemoryInstance(s => s.AddOrchestrator<int, int>("Throws", (_, _) => throw new InvalidOperationException("bad input")), "Throws", "0");
        throwing.Deliver(throwing.Start());
        Assert.Equal(WorkflowStatus.Failed, throwing.State.Status);
        Assert.Equal(typeof(InvalidOperationException).FullName, throwing.State.Failure!.ErrorType);
        Assert.Equal("bad input", throwing.State.Failure.Message);
    }

    [Fact]
    public void Terminate_applies_once_and_notifies_nobody_without_a_parent()
    {
        var i = new InMemoryInstance(s => s.AddOrchestrator<int, int>("Waits", (ctx, _) => ctx.WaitForExternalEvent<int>("X")), "Waits", "0");
        i.Deliver(i.Start());
        var terminate = new Messaging.WorkMessage { Kind = Messaging.MessageKind.Terminate, InstanceId = "mem-1", Payload = "\"stop\"" };
        var commit = i.Deliver(terminate, InMemoryInstance.Event("X", "1", "e1"))!;

        Assert.Equal(WorkflowStatus.Terminated, i.State.Status);
        Assert.Empty(commit.Outgoing);
        Assert.Null(i.Deliver(terminate));
        Assert.Null(i.Deliver(InMemoryInstance.Event("X", "2", "e2")));
    }

    [Fact]
    public void Custom_status_is_kept_from_the_last_episode_that_set_it()
    {
        var i = new InMemoryInstance(s => s.AddOrchestrator<int, int>("Status", async (ctx, _) =>
        {
            ctx.SetCustomStatus("waiting");
            var n = await ctx.WaitForExternalEvent<int>("X");
            ctx.SetCustomStatus(new { received = n });
            return await ctx.WaitForExternalEvent<int>("Y");
        }), "Status", "0");
        i.Deliver(i.Start());
        Assert.Equal("\"waiting\"", i.State.CustomStatus);
        i.Deliver(InMemoryInstance.Event("X", "5", "e1"));
        Assert.Equal("{\"received\":5}", i.State.CustomStatus);
    }
}
