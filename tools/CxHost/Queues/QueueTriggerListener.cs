using System.Text;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using CxHost.Configuration;
using CxHost.Envelope;
using CxHost.Handler;
using CxHost.Storage;

namespace CxHost.Queues;

/// <summary>
/// Drives every <c>queueTrigger</c> as the queue extension does: polls with back-off up to <c>maxPollingInterval</c>,
/// fetches <c>batchSize</c> messages and more when fewer than <c>newBatchThreshold</c> are in flight, deletes a message
/// after success, makes it visible again after <c>visibilityTimeout</c> after a failure, and moves it to
/// <c>{queue}-poison</c> when it fails on its <c>maxDequeueCount</c>-th delivery.
/// </summary>
public sealed class QueueTriggerListener(
    FunctionAppDefinition app,
    StorageConnections connections,
    FunctionInvoker invoker,
    CxHostOptions options,
    TimeProvider time,
    ILogger<QueueTriggerListener> logger) : BackgroundService
{
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(app.WithTrigger("queueTrigger").Select(f => RunGuardedAsync(f, stoppingToken)));

    private async Task RunGuardedAsync(FunctionDefinition function, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(function, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (StorageFailure.IsTransient(ex))
            {
                logger.LogError(ex, "{Function}: queue listener failed; polling again shortly", function.Name);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task RunAsync(FunctionDefinition function, CancellationToken stoppingToken)
    {
        var settings = app.Host.Queues;
        var queueName = function.Trigger.Get("queueName")
            ?? throw new InvalidOperationException($"{function.Name}: queueTrigger has no queueName.");
        var service = new QueueServiceClient(connections.Resolve(function.Trigger.Get("connection")));
        var queue = service.GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        var poison = service.GetQueueClient(queueName + "-poison");
        var lease = app.Host.FunctionTimeout + TimeSpan.FromSeconds(30);
        logger.LogInformation(
            "{Function}: queueTrigger on '{Queue}' (batch {Batch}, maxDequeueCount {Max})",
            function.Name,
            queueName,
            settings.BatchSize,
            settings.MaxDequeueCount);

        var running = new List<Task>();
        var idle = MinimumPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            if (running.Count > settings.NewBatchThreshold)
            {
                await Task.WhenAny(running);
                continue;
            }

            QueueMessage[] messages = await queue.ReceiveMessagesAsync(settings.BatchSize, lease, stoppingToken);
            if (messages.Length == 0)
            {
                await Task.Delay(idle, time, stoppingToken);
                idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, settings.MaxPollingInterval.Ticks));
                continue;
            }

            idle = MinimumPollingInterval;
            running.AddRange(messages.Select(m => ProcessGuardedAsync(function, queue, poison, m, stoppingToken)));
        }

        await Task.WhenAll(running);
    }

    private async Task ProcessGuardedAsync(
        FunctionDefinition function, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await ProcessAsync(function, queue, poison, message, stoppingToken);
        }
        catch (Exception ex) when (StorageFailure.IsTransient(ex))
        {
            // The message becomes visible again when its lease ends and is retried then, as in the host.
            logger.LogError(ex, "{Function}: settling message {Id} failed", function.Name, message.MessageId);
        }
    }

    private async Task ProcessAsync(
        FunctionDefinition function, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        var settings = app.Host.Queues;
        var text = MessageText(message, settings.Base64);
        var envelope = QueueEnvelope.Build(function.Name, function.Trigger.Name, message, text, options.Encoding, time.GetUtcNow());
        var outcome = await invoker.InvokeAsync(function, envelope, stoppingToken);
        if (outcome.Succeeded)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
        }
        else if (message.DequeueCount >= settings.MaxDequeueCount)
        {
            await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
            await poison.SendMessageAsync(message.Body, cancellationToken: stoppingToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
            logger.LogWarning(
                "{Function}: message {Id} failed {Count} times; moved to '{Poison}'",
                function.Name,
                message.MessageId,
                message.DequeueCount,
                poison.Name);
        }
        else
        {
            await queue.UpdateMessageAsync(
                message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: stoppingToken);
        }
    }

    private static string MessageText(QueueMessage message, bool base64)
    {
        var raw = message.Body.ToString();
        return base64 && OutputValue.TryDecodeBase64(raw, out var bytes) ? Encoding.UTF8.GetString(bytes) : raw;
    }
}
