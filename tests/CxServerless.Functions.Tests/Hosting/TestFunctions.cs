using System.Text.Json.Nodes;
using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Tests.Hosting;

/// <summary>Echoes what the handler parsed, so protocol tests can see both encodings end up the same.</summary>
internal sealed class EchoBatchFunction : IFunctionHandler
{
    public string Name => "EchoBatch";

    public Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var batch = EventHubBatch.TryRead(request, "events", out var error);
        if (batch is null)
        {
            return Task.FromResult(InvocationResult.Fail(error!));
        }

        var events = new JsonArray();
        foreach (var e in batch.Events)
        {
            events.Add(new JsonObject
            {
                ["body"] = e.Body,
                ["partitionKey"] = e.PartitionKey,
                ["offset"] = e.Offset,
                ["sequenceNumber"] = e.SequenceNumber,
                ["enqueuedTimeUtc"] = e.EnqueuedTimeUtc,
                ["properties"] = e.Properties.DeepClone(),
            });
        }

        var result = InvocationResult.Ok().Log($"batch of {batch.Events.Count}");
        result.ReturnValue = new JsonObject { ["partitionId"] = batch.Partition.PartitionId, ["hub"] = batch.Partition.EventHubName, ["events"] = events };
        return Task.FromResult(result);
    }
}

internal sealed class EchoQueueFunction : IFunctionHandler
{
    public string Name => "EchoQueue";

    public Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var message = QueueDelivery.TryRead(request, "message", out var error);
        if (message is null)
        {
            return Task.FromResult(InvocationResult.Fail(error!));
        }

        var result = InvocationResult.Ok();
        result.ReturnValue = new JsonObject { ["text"] = message.Text, ["id"] = message.Id, ["dequeueCount"] = message.DequeueCount };
        result.Outputs["outMessage"] = message.Text.ToUpperInvariant();
        return Task.FromResult(result);
    }
}

internal sealed class EchoTimerFunction : IFunctionHandler
{
    public string Name => "EchoTimer";

    public Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var tick = TimerTick.TryRead(request, "timer", out var error);
        if (tick is null)
        {
            return Task.FromResult(InvocationResult.Fail(error!));
        }

        var result = InvocationResult.Ok();
        result.ReturnValue = new JsonObject { ["isPastDue"] = tick.IsPastDue, ["last"] = tick.Last, ["next"] = tick.Next };
        return Task.FromResult(result);
    }
}

internal sealed class ThrowingFunction : IFunctionHandler
{
    public const string SecretInMessage = "customer@example.com";

    public string Name => "Throwing";

    public Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"bug while handling {SecretInMessage}");
}

internal sealed class StuckFunction : IFunctionHandler
{
    public string Name => "Stuck";

    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        // Ignores its token on purpose: the handler must still answer at the deadline.
        await Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None);
        return InvocationResult.Ok();
    }
}
