using System.Globalization;
using CxServerless.Durable.Engine;
using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Workflows;

/// <summary>
/// <c>WorkflowControl{partition}</c>: the queue trigger on one control queue (<c>workflow-control-{partition}</c>). The
/// same class is registered once per partition, because a queue trigger binds exactly one queue. It runs one episode
/// per message; ETag conflicts are resolved inside the engine, so the invocation only fails for a malformed message
/// (which the host then retries and moves to the poison queue) or an outage.
/// </summary>
public sealed class WorkflowControlFunction(int partition, WorkflowEngine engine) : IFunctionHandler
{
    /// <summary>The function name prefix; the folder is <c>WorkflowControl{partition}</c>.</summary>
    public const string NamePrefix = "WorkflowControl";

    /// <summary>The trigger binding name in function.json.</summary>
    public const string BindingName = "message";

    /// <inheritdoc />
    public string Name { get; } = NamePrefix + partition.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken) =>
        WorkflowQueueInvocation.RunAsync(request, BindingName, engine.ProcessControlMessageAsync, cancellationToken);
}
