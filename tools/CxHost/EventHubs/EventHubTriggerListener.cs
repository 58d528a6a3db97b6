using System.Globalization;
using CxHost.Configuration;
using CxHost.Handler;
using CxHost.Hosting;
using CxHost.Storage;

namespace CxHost.EventHubs;

/// <summary>
/// One instance's Event Hubs trigger, as the Event Hubs processor runs it inside the Functions host: every
/// load-balancing interval it renews the ownership records it holds, claims partitions per
/// <see cref="PartitionLoadBalancer"/>, and runs a <see cref="PartitionConsumer"/> for each partition it owns. A
/// partition whose renewal fails (someone else wrote the record) stops after its current batch. On a graceful stop it
/// gives its partitions up (owner id emptied), as the processor does; an abandoned (killed) instance gives nothing up.
/// </summary>
public sealed class EventHubTriggerListener(
    FunctionAppDefinition app,
    EventLog log,
    CheckpointStore checkpoints,
    OwnershipStore ownerships,
    FunctionInvoker invoker,
    CxHostOptions options,
    InstanceIdentity identity,
    TimeProvider time,
    ILogger<EventHubTriggerListener> logger) : BackgroundService
{
    private readonly Random _random = new();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> _owned = new(StringComparer.Ordinal);

    /// <summary>The partitions this instance owned after its last balancing cycle, per function (for tests and diagnostics).</summary>
    public IReadOnlyDictionary<string, string[]> Owned => new Dictionary<string, string[]>(_owned, StringComparer.Ordinal);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(app.WithTrigger("eventHubTrigger").Select(f => RunFunctionAsync(f, stoppingToken)));

    private async Task RunFunctionAsync(FunctionDefinition function, CancellationToken stoppingToken)
    {
        var binding = EventHubBinding.For(function, app.Settings);
        var prefix = OwnershipStore.Prefix(binding.FullyQualifiedNamespace, binding.Hub, binding.ConsumerGroup);
        var partitions = Enumerable.Range(0, log.PartitionCount).Select(p => p.ToString(CultureInfo.InvariantCulture)).ToList();
        var owned = new Dictionary<string, OwnedPartition>(StringComparer.Ordinal);
        logger.LogInformation(
            "{Function}: eventHubTrigger on '{Hub}' ({Partitions} partitions, consumer group {Group}), owner {Owner}",
            function.Name, binding.Hub, log.PartitionCount, binding.ConsumerGroup, identity.OwnerId);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await BalanceAsync(function, binding, prefix, partitions, owned, stoppingToken);
                    _owned[function.Name] = [.. owned.Keys.Order(StringComparer.Ordinal)];
                }
                catch (Exception ex) when (StorageFailure.IsTransient(ex))
                {
                    // Storage is unreachable: keep consuming what is owned; the records expire if this lasts.
                    logger.LogError(
                        "{Function}: load balancing failed ({Error}); trying again next cycle", function.Name, ex.GetType().Name);
                }

                await Task.Delay(options.ScaleOut.LoadBalancingUpdateInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _owned[function.Name] = [];
            await StopAllAsync(prefix, owned);
        }
    }

    private async Task BalanceAsync(
        FunctionDefinition function,
        EventHubBinding binding,
        string prefix,
        List<string> partitions,
        Dictionary<string, OwnedPartition> owned,
        CancellationToken stoppingToken)
    {
        foreach (var (id, partition) in owned.Where(o => o.Value.Running.IsCompleted).ToList())
        {
            owned.Remove(id); // a consumer that ended by itself (ownership lost mid-retry)
            partition.Lost.Dispose();
        }

        foreach (var (id, partition) in owned.ToList())
        {
            var renewed = await ownerships.TryClaimAsync(prefix, id, identity.OwnerId, partition.Record.ETag, stoppingToken);
            if (renewed is null)
            {
                logger.LogInformation("{Function}: partition {Partition} is owned by another instance now; stopping after this batch",
                    function.Name, id);
                await partition.Lost.CancelAsync();
                owned.Remove(id);
            }
            else
            {
                owned[id] = partition with { Record = renewed };
            }
        }

        var now = time.GetUtcNow();
        var records = await ownerships.ListAsync(prefix, stoppingToken);
        var active = records
            .Where(r => r.IsActive(now, options.ScaleOut.PartitionOwnershipExpiration) && r.OwnerId != identity.OwnerId)
            .ToDictionary(r => r.PartitionId, r => r.OwnerId, StringComparer.Ordinal);
        foreach (var id in owned.Keys)
        {
            active[id] = identity.OwnerId;
        }

        foreach (var id in PartitionLoadBalancer.PartitionsToClaim(identity.OwnerId, partitions, active, _random))
        {
            var current = records.FirstOrDefault(r => r.PartitionId == id);
            if (await ownerships.TryClaimAsync(prefix, id, identity.OwnerId, current?.ETag, stoppingToken) is { } claimed)
            {
                logger.LogInformation("{Function}: instance {Instance} owns partition {Partition} (was {Previous})",
                    function.Name, identity.Index, id, current is { OwnerId.Length: > 0 } ? current.OwnerId : "unowned");
                owned[id] = Start(function, binding, id, claimed, stoppingToken);
            }
        }
    }

    private OwnedPartition Start(
        FunctionDefinition function,
        EventHubBinding binding,
        string partitionId,
        PartitionOwnership record,
        CancellationToken stoppingToken)
    {
        var consumer = new PartitionConsumer(function, binding, partitionId,
            app.Host.EventHubs.MaxEventBatchSize, app.Host.EventHubs.StartFromEnd, app.Host.EventHubs.BatchCheckpointFrequency,
            log, checkpoints, invoker, options.Encoding, time, logger);
        var lost = new CancellationTokenSource();
        return new OwnedPartition(record, lost, RunGuardedAsync(function.Name, consumer, stoppingToken, lost.Token));
    }

    private async Task RunGuardedAsync(
        string function, PartitionConsumer consumer, CancellationToken stoppingToken, CancellationToken lost)
    {
        while (!stoppingToken.IsCancellationRequested && !lost.IsCancellationRequested)
        {
            try
            {
                await consumer.RunAsync(stoppingToken, lost);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested || lost.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (StorageFailure.IsTransient(ex))
            {
                // Storage hiccups: start over from the checkpoint, as a new partition owner would.
                logger.LogError("{Function}: partition {Partition} consumer failed ({Error}); resuming from the checkpoint",
                    function, consumer.PartitionId, ex.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Waits for the consumers, then gives the partitions up unless the instance was killed.</summary>
    private async Task StopAllAsync(string prefix, Dictionary<string, OwnedPartition> owned)
    {
        await Task.WhenAll(owned.Values.Select(o => o.Running));
        foreach (var (id, partition) in owned)
        {
            partition.Lost.Dispose();
            if (identity.Abandoned)
            {
                continue;
            }

            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await ownerships.TryClaimAsync(prefix, id, string.Empty, partition.Record.ETag, timeout.Token);
            }
            catch (Exception ex) when (StorageFailure.IsTransient(ex) || ex is OperationCanceledException)
            {
                logger.LogWarning("Could not give partition {Partition} up ({Error}); it expires instead", id, ex.GetType().Name);
            }
        }

        owned.Clear();
    }

    private sealed record OwnedPartition(PartitionOwnership Record, CancellationTokenSource Lost, Task Running);
}
