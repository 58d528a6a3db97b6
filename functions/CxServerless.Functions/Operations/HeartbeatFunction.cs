using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Operations;

/// <summary><c>Heartbeat</c>: a timer every minute that records the trigger pipeline's liveness for <c>/api/health</c>.</summary>
public sealed class HeartbeatFunction(HeartbeatStore store, TimeProvider time) : IFunctionHandler
{
    /// <inheritdoc />
    public string Name => "Heartbeat";

    /// <inheritdoc />
    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var tick = TimerTick.TryRead(request, "timer", out var error);
        if (tick is null)
        {
            // A malformed timer payload is a host bug; failing makes it visible, and the next tick retries anyway.
            return InvocationResult.Fail(error!).Log(error!);
        }

        var now = time.GetUtcNow();
        await store.RecordAsync(now, tick.IsPastDue, cancellationToken);
        var result = InvocationResult.Ok();
        return tick.IsPastDue ? result.Log("Heartbeat ran late (IsPastDue).") : result;
    }
}
