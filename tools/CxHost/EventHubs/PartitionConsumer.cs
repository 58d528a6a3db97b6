using CxHost.Configuration;
using CxHost.Envelope;
using CxHost.Handler;

namespace CxHost.EventHubs;

/// <summary>
/// Delivers one partition of a hub to one function, one batch at a time: read after the checkpoint, invoke, apply the
/// function's retry policy with the same batch, then checkpoint, after success and after failure once retries are
/// exhausted, every <c>batchCheckpointFrequency</c> batches (host.json; 1 by default), as the Event Hubs extension does.
/// After a stop or a crash the batches since the last checkpoint are delivered again. Stopping mid-retry leaves the
/// checkpoint alone, so the batch comes again.
/// </summary>
public sealed class PartitionConsumer(
    FunctionDefinition function,
    EventHubBinding binding,
    string partitionId,
    int maxBatchSize,
    bool startFromEnd,
    int checkpointFrequency,
    EventLog log,
    CheckpointStore checkpoints,
    FunctionInvoker invoker,
    EnvelopeEncoding encoding,
    TimeProvider time,
    ILogger logger)
{
    private readonly string _checkpointBlob =
        CheckpointStore.BlobName(binding.FullyQualifiedNamespace, binding.Hub, binding.ConsumerGroup, partitionId);

    /// <summary>The partition this consumer reads.</summary>
    public string PartitionId => partitionId;

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled (stop now, even mid-invocation), or until
    /// <paramref name="ownershipLost"/> is: another instance owns the partition, so this one finishes the batch in hand
    /// (checkpointing it) and reads no more; a batch still waiting for a retry is left to the new owner, unchecked.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken, CancellationToken ownershipLost = default)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, ownershipLost);
        var uncheckpointed = 0;
        var position = await checkpoints.ReadAsync(_checkpointBlob, either.Token)
            ?? (startFromEnd ? await log.LastSequenceNumberAsync(binding.Hub, partitionId, either.Token) : -1);
        while (!either.IsCancellationRequested)
        {
            var events = await log.ReadAsync(binding.Hub, partitionId, position, binding.Many ? maxBatchSize : 1, either.Token);
            if (events.Count == 0)
            {
                await log.WaitForAppendAsync(binding.Hub, TimeSpan.FromMilliseconds(500), either.Token);
                continue;
            }

            if (!await DeliverAsync(events, cancellationToken, ownershipLost))
            {
                return;
            }

            // Every checkpointFrequency-th batch, and the last one before a handover, so the new owner starts after it.
            if (++uncheckpointed >= Math.Max(1, checkpointFrequency) || ownershipLost.IsCancellationRequested)
            {
                await checkpoints.WriteAsync(_checkpointBlob, events[^1], cancellationToken);
                uncheckpointed = 0;
            }

            position = events[^1].SequenceNumber;
        }
    }

    /// <returns>True when the batch is done with (succeeded, or retries exhausted); false when ownership was lost mid-retry.</returns>
    private async Task<bool> DeliverAsync(
        IReadOnlyList<LoggedEvent> events, CancellationToken cancellationToken, CancellationToken ownershipLost)
    {
        var envelope = EventBatchEnvelope.Build(
            function.Name, function.Trigger.Name, binding, partitionId, events, encoding, time.GetUtcNow());
        for (var retries = 0; ; retries++)
        {
            var outcome = await invoker.InvokeAsync(function, envelope, cancellationToken);
            if (outcome.Succeeded)
            {
                return true;
            }

            if (function.Retry is not { } retry || !retry.ShouldRetry(retries))
            {
                logger.LogWarning(
                    "{Function} partition {Partition}: giving up on sequence numbers {First}-{Last} after {Attempts} attempt(s); "
                    + "checkpointing past them",
                    function.Name, partitionId, events[0].SequenceNumber, events[^1].SequenceNumber, retries + 1);
                return true;
            }

            if (ownershipLost.IsCancellationRequested)
            {
                return false;
            }

            await Task.Delay(retry.DelayBefore(retries + 1), time, cancellationToken);
        }
    }
}
