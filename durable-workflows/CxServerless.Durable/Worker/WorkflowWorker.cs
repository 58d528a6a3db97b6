using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using CxServerless.Durable.Engine;
using CxServerless.Durable.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxServerless.Durable.Worker;

/// <summary>
/// The standalone driver: polls every control queue and the activity queue, groups control messages by instance so
/// that one episode applies them all, and deletes a message only after it was processed. A failed message becomes
/// visible again after the visibility timeout; past <see cref="DurableOptions.MaxDequeueCount"/> deliveries it is moved
/// to <c>{queue}-poison</c>, as the Functions host does.
/// </summary>
public sealed partial class WorkflowWorker(WorkflowEngine engine, IOptions<WorkerOptions> options, ILogger<WorkflowWorker> logger) : BackgroundService
{
    private readonly WorkerOptions _options = options.Value;

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = engine.Backend.Sender.ControlQueues.Select(q => PollAsync(q, ProcessControlAsync, stoppingToken)).ToList();
        loops.Add(PollAsync(engine.Backend.Sender.ActivityQueue, ProcessActivitiesAsync, stoppingToken));
        loops.Add(SweepPoisonAsync(stoppingToken));
        return Task.WhenAll(loops);
    }

    private async Task SweepPoisonAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.PoisonSweepInterval, stoppingToken);
                await engine.SweepPoisonQueuesAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException ex)
            {
                LogPollFailed(logger, "poison queues", ex.Status);
            }
        }
    }

    private async Task PollAsync(QueueClient queue, Func<QueueClient, QueueMessage[], CancellationToken, Task> process, CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromMilliseconds(5);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var batch = (await queue.ReceiveMessagesAsync(_options.BatchSize, _options.VisibilityTimeout, stoppingToken)).Value;
                if (batch.Length == 0)
                {
                    // Polling back-off is wall-clock pacing, not business time, so it does not use the injected TimeProvider.
                    await Task.Delay(idle, stoppingToken);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, _options.MaxPollingInterval.Ticks));
                    continue;
                }

                idle = TimeSpan.FromMilliseconds(5);
                await process(queue, batch, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException ex)
            {
                LogPollFailed(logger, queue.Name, ex.Status);
                await Task.Delay(_options.MaxPollingInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ProcessControlAsync(QueueClient queue, QueueMessage[] batch, CancellationToken stoppingToken)
    {
        var groups = new Dictionary<string, List<(QueueMessage Raw, WorkMessage Parsed)>>(StringComparer.Ordinal);
        foreach (var raw in batch)
        {
            var parsed = WorkMessage.TryParse(raw.MessageText, out var error);
            if (parsed is null)
            {
                await RejectAsync(queue, raw, error!, stoppingToken);
                continue;
            }

            if (!groups.TryGetValue(parsed.InstanceId, out var list))
            {
                groups[parsed.InstanceId] = list = [];
            }

            list.Add((raw, parsed));
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.EpisodeConcurrency, CancellationToken = stoppingToken };
        await Parallel.ForEachAsync(groups, parallel, async (group, ct) =>
        {
            try
            {
                var maxDequeue = group.Value.Max(m => m.Raw.DequeueCount);
                await engine.ProcessControlBatchAsync(group.Key, [.. group.Value.Select(m => m.Parsed)], maxDequeue, ct);
                engine.Faults.At(FaultPoint.AfterSendBeforeDelete, group.Key);
                foreach (var (raw, _) in group.Value)
                {
                    await DeleteAsync(queue, raw, ct);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // Left on the queue: it becomes visible again and is retried (the engine fails the instance on the last delivery).
                LogMessageFailed(logger, queue.Name, group.Key, ex.GetType().Name);
            }
        });
    }

    private async Task ProcessActivitiesAsync(QueueClient queue, QueueMessage[] batch, CancellationToken stoppingToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.ActivityConcurrency, CancellationToken = stoppingToken };
        await Parallel.ForEachAsync(batch, parallel, async (raw, ct) =>
        {
            try
            {
                var result = await engine.ProcessActivityMessageAsync(raw.MessageText, raw.DequeueCount, ct);
                if (result.Succeeded)
                {
                    await DeleteAsync(queue, raw, ct);
                }
                else
                {
                    await RejectAsync(queue, raw, result.Detail, ct);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogMessageFailed(logger, queue.Name, raw.MessageId, ex.GetType().Name);
            }
        });
    }

    /// <summary>A malformed message stays for redelivery until its last delivery, then moves to the poison queue.</summary>
    private async Task RejectAsync(QueueClient queue, QueueMessage raw, string reason, CancellationToken cancellationToken)
    {
        LogRejected(logger, queue.Name, raw.MessageId, reason);
        if (raw.DequeueCount >= engine.Backend.Options.MaxDequeueCount)
        {
            var poison = engine.Backend.PoisonQueueOf(queue);
            await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await poison.SendMessageAsync(raw.MessageText, cancellationToken);
            await DeleteAsync(queue, raw, cancellationToken);
        }
    }

    private static async Task DeleteAsync(QueueClient queue, QueueMessage raw, CancellationToken cancellationToken)
    {
        try
        {
            await queue.DeleteMessageAsync(raw.MessageId, raw.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            // The visibility timeout expired and another delivery owns the message now; that delivery is a duplicate the engine drops.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling {Queue} failed with HTTP {Status}.")]
    private static partial void LogPollFailed(ILogger logger, string queue, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Processing a message from {Queue} for {Key} failed ({ErrorType}); it will be redelivered.")]
    private static partial void LogMessageFailed(ILogger logger, string queue, string key, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected message {MessageId} on {Queue}: {Reason}.")]
    private static partial void LogRejected(ILogger logger, string queue, string messageId, string reason);
}
