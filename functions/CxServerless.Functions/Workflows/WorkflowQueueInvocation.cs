using CxServerless.Durable.Engine;
using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Workflows;

/// <summary>Reads a queue delivery and hands it to the engine; maps the outcome to the invocation result.</summary>
internal static class WorkflowQueueInvocation
{
    public static async Task<InvocationResult> RunAsync(
        InvocationRequest request,
        string bindingName,
        Func<string, long, CancellationToken, Task<WorkItemResult>> process,
        CancellationToken cancellationToken)
    {
        var delivery = QueueDelivery.TryRead(request, bindingName, out var error);
        if (delivery is null)
        {
            return InvocationResult.Fail(error!);
        }

        var result = await process(delivery.Text, delivery.DequeueCount, cancellationToken);
        return result.Succeeded
            ? InvocationResult.Ok().Log($"{request.FunctionName}: {result.Detail}")
            : InvocationResult.Fail($"{request.FunctionName} rejected message {delivery.Id}: {result.Detail}");
    }
}
