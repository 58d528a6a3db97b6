using CxServerless.Durable.Client;
using CxServerless.Durable.Tests.Support;
using CxServerless.Testing;

namespace CxServerless.Durable.Tests.Faults;

/// <summary>Messages the host moved to a poison queue (for example after a crash on the last delivery) end their instance with a reason.</summary>
[Collection(FaultCollectionDefinition.Name)]
public sealed class PoisonSweepTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_control_message_in_a_poison_queue_fails_its_instance_with_the_reason()
    {
        await using var h = await EngineHarness.StartAsync(azurite, s => TestWorkflows.Register(s, new Probe()), startWorker: false);
        var started = await h.Client.StartAsync("WaitForever", "x");
        var queue = h.Engine.Backend.Sender.ControlQueueOf(started.InstanceId);
        var message = Assert.Single((await queue.ReceiveMessagesAsync(32)).Value);
        await MoveToPoisonAsync(h, queue, message.MessageText, message.MessageId, message.PopReceipt);
        await h.Engine.Backend.PoisonQueueOf(queue).SendMessageAsync("not an engine message");

        Assert.Equal(1, await h.Engine.SweepPoisonQueuesAsync(CancellationToken.None));

        var state = (await h.Client.GetStatusAsync(started.InstanceId))!;
        Assert.Equal(WorkflowStatus.Failed, state.Status);
        Assert.Equal("Poison", state.Failure!.ErrorType);
        Assert.Contains("Start message was moved to the poison queue", state.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await h.Engine.Backend.PoisonQueueOf(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task An_activity_message_in_a_poison_queue_reaches_its_orchestration_as_a_failure()
    {
        await using var h = await EngineHarness.StartAsync(azurite, s => TestWorkflows.Register(s, new Probe()), startWorker: false);
        var started = await h.Client.StartAsync("RetryExhausted", "x");
        Assert.Equal(1, await h.DeliverVisibleAsync(activities: false));
        var activities = h.Engine.Backend.Sender.ActivityQueue;
        var message = Assert.Single((await activities.ReceiveMessagesAsync(32)).Value);
        await MoveToPoisonAsync(h, activities, message.MessageText, message.MessageId, message.PopReceipt);

        Assert.Equal(1, await h.Engine.SweepPoisonQueuesAsync(CancellationToken.None));
        await h.StartWorkerAsync();

        var state = await h.WaitAsync(started.InstanceId);
        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.StartsWith("handled: ", state.ReadOutput<string>(), StringComparison.Ordinal);
    }

    private static async Task MoveToPoisonAsync(EngineHarness h, Azure.Storage.Queues.QueueClient queue, string text, string id, string popReceipt)
    {
        var poison = h.Engine.Backend.PoisonQueueOf(queue);
        await poison.CreateIfNotExistsAsync();
        await poison.SendMessageAsync(text);
        await queue.DeleteMessageAsync(id, popReceipt);
    }
}
