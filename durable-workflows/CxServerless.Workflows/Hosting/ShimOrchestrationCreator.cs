using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace CxServerless.Workflows.Hosting;

/// <summary>
/// Gives the framework a fresh <see cref="TaskOrchestration"/> for each episode: the <see cref="ITaskOrchestrator"/>
/// wrapped by the Durable Task SDK's shim, so workflow code runs on DurableTask.Core unchanged.
/// </summary>
internal sealed class ShimOrchestrationCreator : ObjectCreator<TaskOrchestration>
{
    private readonly DurableTaskShimFactory _shims;
    private readonly Func<ITaskOrchestrator> _create;

    public ShimOrchestrationCreator(string name, Func<ITaskOrchestrator> create, DurableTaskShimFactory shims)
    {
        Name = name;
        Version = string.Empty;
        _create = create;
        _shims = shims;
    }

    public override TaskOrchestration Create() => _shims.CreateOrchestration(new TaskName(Name), _create());
}
