using CxHost.EventHubs;
using CxHost.Handler;
using CxHost.Queues;
using CxHost.Timers;

namespace CxHost.Hosting;

/// <summary>
/// One handler instance, as one scaled-out worker of the Functions host: its own handler process, its own invoker and
/// its own trigger listeners (timer, queue, Event Hubs) under its own owner id. Several of them in one cx-host share the
/// storage account, and so compete for queue messages, timer locks and partitions exactly as separate hosts would.
/// </summary>
public sealed class HostInstance : IAsyncDisposable
{
    private readonly List<BackgroundService> _listeners = [];

    /// <summary>Creates an instance; nothing runs until <see cref="StartHandlerAsync"/> and <see cref="StartListenersAsync"/>.</summary>
    public HostInstance(InstanceIdentity identity, HandlerProcess handler, FunctionInvoker invoker)
    {
        Identity = identity;
        Handler = handler;
        Invoker = invoker;
    }

    /// <summary>Index and owner id.</summary>
    public InstanceIdentity Identity { get; }

    /// <summary>The instance's handler process.</summary>
    public HandlerProcess Handler { get; }

    /// <summary>Sends this instance's invocations to its handler.</summary>
    public FunctionInvoker Invoker { get; }

    /// <summary>The instance's Event Hubs listener (its owned partitions), once started.</summary>
    public EventHubTriggerListener? EventHubs { get; private set; }

    /// <summary>False once the instance was killed.</summary>
    public bool IsAlive => !Identity.Abandoned;

    /// <summary>Starts the handler and waits until it answers.</summary>
    public Task StartHandlerAsync(CancellationToken cancellationToken) => Handler.StartAsync(cancellationToken);

    /// <summary>Starts the instance's trigger listeners, built from the host's shared services.</summary>
    public async Task StartListenersAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        EventHubs = ActivatorUtilities.CreateInstance<EventHubTriggerListener>(services, Invoker, Identity);
        _listeners.Add(ActivatorUtilities.CreateInstance<TimerTriggerListener>(services, Invoker, Identity));
        _listeners.Add(ActivatorUtilities.CreateInstance<QueueTriggerListener>(services, Invoker));
        _listeners.Add(EventHubs);
        foreach (var listener in _listeners)
        {
            await listener.StartAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Kills the instance abruptly, as a crashed worker dies: its listeners stop at once without giving up their
    /// partitions or timer locks, and its handler process is killed mid-invocation. Peers take over only when the
    /// ownership records and leases expire.
    /// </summary>
    public async Task KillAsync()
    {
        if (Identity.Abandoned)
        {
            return;
        }

        Identity.Abandon();
        var stopping = _listeners.Select(l => l.StopAsync(CancellationToken.None)).ToList(); // each cancels at once
        await Handler.DisposeAsync();
        await Task.WhenAll(stopping);
    }

    /// <summary>Stops gracefully: listeners finish, give their partitions and locks up, then the handler stops.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!Identity.Abandoned)
        {
            await Task.WhenAll(_listeners.Select(l => l.StopAsync(CancellationToken.None)));
            await Handler.DisposeAsync();
        }

        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        Invoker.Dispose();
    }
}
