using Azure;
using Azure.Storage.Queues;
using CxServerless.Durable.Messaging;

namespace CxServerless.Durable.Storage;

/// <summary>The storage parts of one task hub, shared by the client, the engine and the worker.</summary>
internal sealed class WorkflowBackend
{
    private readonly QueueServiceClient _queues;
    private readonly Lock _gate = new();
    private Task? _created;

    public WorkflowBackend(DurableStorageAccount account, DurableOptions options)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        Options = options;
        _queues = account.Queues;
        Names = new StorageNames(options);
        Payloads = new PayloadStore(account.Blobs.GetBlobContainerClient(Names.PayloadContainer));
        History = new HistoryStore(account.Tables.GetTableClient(Names.HistoryTable), Payloads, options);
        Index = new InstanceIndex(account.Tables.GetTableClient(Names.InstancesTable));
        Sender = new MessageSender(
            [.. Names.ControlQueues.Select(account.Queues.GetQueueClient)],
            account.Queues.GetQueueClient(Names.ActivityQueue),
            Payloads,
            options);
    }

    public DurableOptions Options { get; }

    public StorageNames Names { get; }

    public PayloadStore Payloads { get; }

    public HistoryStore History { get; }

    public InstanceIndex Index { get; }

    public MessageSender Sender { get; }

    /// <summary>
    /// Creates the hub's storage once per process, before the first write. Reads never create anything: a hub that was
    /// never written to simply has no instances.
    /// </summary>
    public Task EnsureCreatedOnceAsync()
    {
        lock (_gate)
        {
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
            {
                _created = EnsureCreatedAsync(CancellationToken.None);
            }

            return _created;
        }
    }

    /// <summary>Creates every table, queue and container of the hub (idempotent).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await History.Table.CreateIfNotExistsAsync(cancellationToken);
        await Index.Table.CreateIfNotExistsAsync(cancellationToken);
        await Payloads.Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        foreach (var queue in AllQueues())
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    /// <summary>Deletes every table, queue and container of the hub (tests and tear-down).</summary>
    public async Task DeleteAllAsync(CancellationToken cancellationToken)
    {
        await History.Table.DeleteAsync(cancellationToken);
        await Index.Table.DeleteAsync(cancellationToken);
        await Payloads.Container.DeleteIfExistsAsync(cancellationToken: cancellationToken);
        foreach (var queue in AllQueues())
        {
            await queue.DeleteIfExistsAsync(cancellationToken);
            try
            {
                await _queues.GetQueueClient(queue.Name + "-poison").DeleteIfExistsAsync(cancellationToken);
            }
            catch (RequestFailedException)
            {
                // Best effort: poison queues exist only after poison messages.
            }
        }
    }

    /// <summary>The poison queue the host (or the worker) moves undeliverable messages of <paramref name="queue"/> to.</summary>
    public QueueClient PoisonQueueOf(QueueClient queue) => _queues.GetQueueClient(queue.Name + "-poison");

    public IEnumerable<QueueClient> AllQueues() => Sender.ControlQueues.Append(Sender.ActivityQueue);
}
