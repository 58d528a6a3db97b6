using System.Globalization;
using CxServerless.Durable.Engine;
using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Workflows;

/// <summary>
/// <c>WorkflowPoisonSweep</c>: every minute, settles engine messages the host moved to <c>workflow-*-poison</c> after
/// <c>maxDequeueCount</c> failed deliveries (for example a handler crash on the last one), so their instances end Failed
/// with a reason instead of waiting forever.
/// </summary>
public sealed class WorkflowPoisonSweepFunction(WorkflowEngine engine) : IFunctionHandler
{
    /// <inheritdoc />
    public string Name => "WorkflowPoisonSweep";

    /// <inheritdoc />
    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        if (TimerTick.TryRead(request, "timer", out var error) is null)
        {
            return InvocationResult.Fail(error!).Log(error!);
        }

        var settled = await engine.SweepPoisonQueuesAsync(cancellationToken);
        var result = InvocationResult.Ok();
        return settled == 0 ? result : result.Log(string.Create(CultureInfo.InvariantCulture, $"Settled {settled} poison workflow messages."));
    }
}
