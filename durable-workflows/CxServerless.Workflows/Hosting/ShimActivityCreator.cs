using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Workflows.Hosting;

/// <summary>
/// Gives the framework a <see cref="TaskActivity"/> for each execution: the <see cref="ITaskActivity"/> built through
/// dependency injection and wrapped by the Durable Task SDK's shim.
/// </summary>
internal sealed class ShimActivityCreator : ObjectCreator<TaskActivity>
{
    private readonly DurableTaskShimFactory _shims;
    private readonly IServiceProvider _services;
    private readonly ObjectFactory _factory;

    public ShimActivityCreator(string name, Type activityType, IServiceProvider services, DurableTaskShimFactory shims)
    {
        Name = name;
        Version = string.Empty;
        _services = services;
        _shims = shims;
        _factory = ActivatorUtilities.CreateFactory(activityType, Type.EmptyTypes);
    }

    public override TaskActivity Create() => _shims.CreateActivity(new TaskName(Name), (ITaskActivity)_factory(_services, null));
}
