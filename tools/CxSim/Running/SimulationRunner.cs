using System.Threading.Channels;
using CxSim.Generation;
using CxSim.Sending;

namespace CxSim.Running;

/// <summary>
/// Plays a generator's events against a sender in (scaled) real time: each event is due at
/// <c>wall start + (event time − scenario start) / speed</c>, and never before its own event time. Events are batched
/// (by count, size and age) and sent by a few concurrent senders; a bounded queue between them applies back-pressure.
/// On stop, the current batch and queued batches get a grace period; whatever is left is counted as not sent.
/// </summary>
public sealed class SimulationRunner(TrafficGenerator generator, IBatchSender sender, RunOptions options, TimeProvider time)
{
    /// <summary>The live counts (read them for progress while <see cref="RunAsync"/> runs).</summary>
    public RunCounters Counters { get; } = new();

    /// <summary>
    /// Runs until the scenario ends, the event limit is reached, the credentials are refused, or <paramref name="stop"/> fires.
    /// </summary>
    public async Task<RunResult> RunAsync(CancellationToken stop)
    {
        options.Validate();
        var startedAt = time.GetUtcNow();
        using var fatal = new CancellationTokenSource();
        using var produce = CancellationTokenSource.CreateLinkedTokenSource(stop, fatal.Token);
        using var grace = new CancellationTokenSource();
        using var stopRegistration = stop.Register(() => grace.CancelAfter(options.ShutdownGrace));
        var queue = Channel.CreateBounded<List<SimulatedEvent>>(new BoundedChannelOptions(options.Concurrency * 2) { SingleWriter = true });
        var senders = Enumerable.Range(0, options.Concurrency).Select(_ => SendLoopAsync(queue.Reader, fatal, grace.Token)).ToArray();

        var stoppedBy = await ProduceAsync(queue.Writer, startedAt, produce.Token);
        queue.Writer.Complete();
        await Task.WhenAll(senders);
        if (fatal.IsCancellationRequested)
        {
            stoppedBy = StopReason.Unauthorized;
        }
        else if (stop.IsCancellationRequested)
        {
            stoppedBy = StopReason.Cancelled;
        }

        return new RunResult(Counters.Snapshot(), time.GetUtcNow() - startedAt, stoppedBy);
    }

    private async Task<StopReason> ProduceAsync(ChannelWriter<List<SimulatedEvent>> queue, DateTimeOffset wallStart, CancellationToken stop)
    {
        var batch = new List<SimulatedEvent>();
        var batchBytes = 0;
        var batchOpened = wallStart;
        var produced = 0L;
        var reason = StopReason.Completed;
        try
        {
            foreach (var e in generator.Generate())
            {
                if (produced >= options.MaxEvents)
                {
                    reason = StopReason.CountReached;
                    break;
                }

                var wait = DueTime(e, wallStart) - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    if (batch.Count > 0 && time.GetUtcNow() + wait - batchOpened > options.MaxBatchDelay)
                    {
                        await queue.WriteAsync(batch, CancellationToken.None);
                        (batch, batchBytes) = ([], 0);
                    }

                    await Task.Delay(wait, time, stop);
                }

                if (batch.Count == 0)
                {
                    batchOpened = time.GetUtcNow();
                }

                batch.Add(e);
                batchBytes += EventHubBatchBody.EstimateSize(e);
                Counters.Generated(e);
                produced++;
                if (batch.Count >= options.BatchSize || batchBytes >= options.MaxBatchBytes)
                {
                    await queue.WriteAsync(batch, stop);
                    (batch, batchBytes) = ([], 0);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            reason = StopReason.Cancelled;
        }

        if (batch.Count > 0)
        {
            await queue.WriteAsync(batch, CancellationToken.None);
        }

        return reason;
    }

    private DateTimeOffset DueTime(SimulatedEvent e, DateTimeOffset wallStart)
    {
        if (double.IsPositiveInfinity(options.Speed))
        {
            return e.EventTime;
        }

        var scaled = wallStart + ((e.EventTime - generator.Scenario.Start) / options.Speed);
        return scaled > e.EventTime ? scaled : e.EventTime;
    }

    private async Task SendLoopAsync(ChannelReader<List<SimulatedEvent>> queue, CancellationTokenSource fatal, CancellationToken grace)
    {
        await foreach (var batch in queue.ReadAllAsync(CancellationToken.None))
        {
            if (grace.IsCancellationRequested || fatal.IsCancellationRequested)
            {
                Counters.NotSent(batch.Count, "stopped before sending");
                continue;
            }

            try
            {
                var outcome = await sender.SendAsync(batch, grace);
                Counters.Completed(batch, outcome);
                if (outcome.Unauthorized)
                {
                    await fatal.CancelAsync();
                }
            }
            catch (OperationCanceledException) when (grace.IsCancellationRequested)
            {
                Counters.NotSent(batch.Count, "stopped while sending");
            }
        }
    }
}
