using CxHost.Configuration;
using CxHost.Handler;

namespace CxHost.EventHubs;

/// <summary>Runs a <see cref="PartitionConsumer"/> for every partition of every <c>eventHubTrigger</c> function.</summary>
public sealed class EventHubTriggerListener(
    FunctionAppDefinition app,
    EventLog log,
    CheckpointStore checkpoints,
    FunctionInvoker invoker,
    CxHostOptions options,
    TimeProvider time,
    ILogger<EventHubTriggerListener> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var consumers = new List<Task>();
        foreach (var function in app.WithTrigger("eventHubTrigger"))
        {
            var binding = EventHubBinding.For(function, app.Settings);
            logger.LogInformation(
                "{Function}: eventHubTrigger on '{Hub}' ({Partitions} partitions, consumer group {Group})",
                function.Name,
                binding.Hub,
                log.PartitionCount,
                binding.ConsumerGroup);
            for (var p = 0; p < log.PartitionCount; p++)
            {
                var consumer = new PartitionConsumer(function, binding, p.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    app.Host.EventHubs.MaxEventBatchSize, app.Host.EventHubs.StartFromEnd,
                    log, checkpoints, invoker, options.Encoding, time, logger);
                consumers.Add(RunGuardedAsync(function.Name, consumer, stoppingToken));
            }
        }

        return Task.WhenAll(consumers);
    }

    private async Task RunGuardedAsync(string function, PartitionConsumer consumer, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await consumer.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or InvalidOperationException)
            {
                // Storage hiccups: start over from the checkpoint, as a new partition owner would.
                logger.LogError(ex, "{Function}: event hub consumer failed; resuming from the checkpoint", function);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
