using CxServerless.Durable.Engine;
using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Workflows;

/// <summary>
/// <c>WorkflowActivity</c>: the queue trigger on <c>workflow-activities</c>. It runs one activity per message and sends
/// the result to the instance's control queue. An activity's own exception is a result (the orchestration sees it),
/// not a failed invocation.
/// </summary>
public sealed class WorkflowActivityFunction(WorkflowEngine engine) : IFunctionHandler
{
    /// <summary>The trigger binding name in function.json.</summary>
    public const string BindingName = "message";

    /// <inheritdoc />
    public string Name => "WorkflowActivity";

    /// <inheritdoc />
    public Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken) =>
        WorkflowQueueInvocation.RunAsync(request, BindingName, engine.ProcessActivityMessageAsync, cancellationToken);
}
