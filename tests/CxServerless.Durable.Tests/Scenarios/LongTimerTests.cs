using CxServerless.Durable.Client;
using CxServerless.Durable.History;
using CxServerless.Durable.Registration;
using CxServerless.Durable.Tests.Support;
using CxServerless.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CxServerless.Durable.Tests.Scenarios;

[Collection(AzuriteTests.Name)]
public sealed class LongTimerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_ten_day_timer_hops_past_the_seven_day_queue_limit_and_fires_once()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var machine = new TimeMachinePolicy(clock);
        await using var h = await EngineHarness.StartAsync(
            azurite,
            s => s.AddOrchestrator<int, DateTime>("LongWait", async (ctx, days) =>
            {
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(days), CancellationToken.None);
                return ctx.CurrentUtcDateTime;
            }),
            time: clock,
            queuePolicy: machine);

        var state = await h.RunAsync("LongWait", 10);

        Assert.Equal(WorkflowStatus.Completed, state.Status);
        var fireAt = new DateTime(2026, 3, 11, 12, 0, 0, DateTimeKind.Utc);
        Assert.True(state.ReadOutput<DateTime>() >= fireAt);
        var maxDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);
        Assert.Equal([maxDelay, TimeSpan.FromDays(10) - maxDelay], machine.Delays);
        var history = (await h.Client.GetStatusAsync(state.InstanceId, includeHistory: true))!.History!;
        Assert.Single(history, e => e.Kind == HistoryEventKind.TimerFired);
        Assert.Equal(fireAt, Assert.Single(history, e => e.Kind == HistoryEventKind.TimerCreated).FireAt!.Value.UtcDateTime);
    }
}
