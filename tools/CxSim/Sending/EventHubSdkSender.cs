using System.Text;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using CxSim.Generation;

namespace CxSim.Sending;

/// <summary>
/// Sends batches with the Event Hubs SDK's <see cref="EventHubProducerClient"/> (AMQP), for a real namespace. The events of
/// a batch are grouped by partition key (<see cref="PartitionKeyGroup"/>); each group goes in SDK batches created with
/// that key and filled with <see cref="EventDataBatch.TryAdd"/>, so the SDK sizes them. Transient failures are retried
/// with the same <see cref="RetryPolicy"/> as the REST path (the client's own retries are off, see
/// <see cref="ClientOptions"/>), and every event is reported as sent or failed.
/// </summary>
public sealed class EventHubSdkSender : IBatchSender
{
    /// <summary>The content type of every event: the canonical bodies are JSON.</summary>
    public const string EventContentType = "application/json";

    private readonly Func<CreateBatchOptions, CancellationToken, ValueTask<EventDataBatch>> _createBatch;
    private readonly Func<EventDataBatch, CancellationToken, Task> _sendBatch;
    private readonly RetryPolicy _retry;
    private readonly TimeProvider _time;

    /// <summary>A sender over <paramref name="producer"/>, which should be made with <see cref="ClientOptions"/>.</summary>
    public EventHubSdkSender(EventHubProducerClient producer, RetryPolicy retry, TimeProvider time)
        : this(
            (options, token) => (producer ?? throw new ArgumentNullException(nameof(producer))).CreateBatchAsync(options, token),
            (batch, token) => producer.SendAsync(batch, token),
            retry,
            time)
    {
    }

    /// <summary>A sender over any way of creating and sending SDK batches (tests use the SDK's model factory).</summary>
    internal EventHubSdkSender(
        Func<CreateBatchOptions, CancellationToken, ValueTask<EventDataBatch>> createBatch,
        Func<EventDataBatch, CancellationToken, Task> sendBatch,
        RetryPolicy retry,
        TimeProvider time)
    {
        _createBatch = createBatch;
        _sendBatch = sendBatch;
        _retry = retry ?? throw new ArgumentNullException(nameof(retry));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>
    /// Producer options for cx-sim: the SDK makes one try per call, with <paramref name="tryTimeout"/>, and cx-sim
    /// retries, so that <c>--max-attempts</c> means the same on both paths and every retry is counted.
    /// </summary>
    public static EventHubProducerClientOptions ClientOptions(TimeSpan tryTimeout) => new()
    {
        Identifier = EventHubBatchBody.SourceName,
        RetryOptions = new EventHubsRetryOptions { MaximumRetries = 0, TryTimeout = tryTimeout },
    };

    /// <summary>The SDK form of a simulated event: its body, the JSON content type and the REST path's user properties.</summary>
    public static EventData ToEventData(SimulatedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var data = new EventData(Encoding.UTF8.GetBytes(e.Body)) { ContentType = EventContentType };
        data.Properties[EventHubBatchBody.SourceProperty] = EventHubBatchBody.SourceName;
        data.Properties[EventHubBatchBody.FormatProperty] = e.Format;
        return data;
    }

    /// <inheritdoc />
    public async Task<BatchOutcome> SendAsync(IReadOnlyList<SimulatedEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var tally = new SdkSendTally(batch.Count);
        try
        {
            foreach (var group in PartitionKeyGroup.Split(batch))
            {
                if (tally.GaveUp)
                {
                    tally.Fail(group.Positions, null);
                    continue;
                }

                await SendGroupAsync(batch, group, tally, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && tally.Sent > 0)
        {
            // Part of the batch is already in the hub: report it, so the tallies stay exact.
            tally.FailUnsettled("stopped while sending");
        }

        return tally.ToOutcome();
    }

    private async Task SendGroupAsync(
        IReadOnlyList<SimulatedEvent> batch, PartitionKeyGroup group, SdkSendTally tally, CancellationToken cancellationToken)
    {
        var options = new CreateBatchOptions { PartitionKey = group.PartitionKey };
        var filled = new List<int>();
        EventDataBatch? current = null;
        try
        {
            for (var index = 0; index < group.Positions.Count; index++)
            {
                var position = group.Positions[index];
                var data = ToEventData(batch[position]);
                current ??= await CreateAsync(options, tally, cancellationToken);
                var added = current?.TryAdd(data) ?? false;
                if (current is not null && !added && filled.Count > 0)
                {
                    // Full: send what it holds, then try the event in a new, empty batch.
                    await SendFilledAsync(current, filled, tally, cancellationToken);
                    filled.Clear();
                    current.Dispose();
                    current = tally.GaveUp ? null : await CreateAsync(options, tally, cancellationToken);
                    added = current?.TryAdd(data) ?? false;
                }

                if (current is null)
                {
                    // No batch (creation failed, or the batch was given up): the rest of the group is not attempted.
                    tally.Fail(group.Positions.Skip(index), null);
                    return;
                }

                if (added)
                {
                    filled.Add(position);
                }
                else
                {
                    tally.Fail([position], TooLarge(current));
                }
            }

            if (current is not null && filled.Count > 0)
            {
                await SendFilledAsync(current, filled, tally, cancellationToken);
            }
        }
        finally
        {
            current?.Dispose();
        }
    }

    private static string TooLarge(EventDataBatch batch) =>
        $"the event is larger than an empty batch can hold ({batch.MaximumSizeInBytes} bytes)";

    private async Task<EventDataBatch?> CreateAsync(CreateBatchOptions options, SdkSendTally tally, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _createBatch(options, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not ArgumentException)
            {
                // A failed creation is a failed attempt to open the link to the service: counted like a send.
                tally.Requests++;
                if (!await RetryAsync(SdkFailure.From(ex), attempt, tally, cancellationToken))
                {
                    return null;
                }
            }
        }
    }

    private async Task SendFilledAsync(EventDataBatch batch, List<int> positions, SdkSendTally tally, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            tally.Requests++;
            try
            {
                await _sendBatch(batch, cancellationToken);
                tally.Succeed(positions);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not ArgumentException)
            {
                if (!await RetryAsync(SdkFailure.From(ex), attempt, tally, cancellationToken))
                {
                    tally.Fail(positions, null);
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Waits before another attempt and returns true, or records why the attempt failed for good and returns false.
    /// Refused credentials and a transient failure that outlasts the attempts end the batch; other failures end only
    /// the SDK batch (or the conversation, when no batch could be created).
    /// </summary>
    private async Task<bool> RetryAsync(SdkFailure failure, int attempt, SdkSendTally tally, CancellationToken cancellationToken)
    {
        if (failure.Transient && attempt < _retry.MaxAttempts)
        {
            tally.Retries++;
            await Task.Delay(_retry.DelayBefore(attempt, null), _time, cancellationToken);
            return true;
        }

        if (failure.Unauthorized)
        {
            tally.GiveUp($"{failure.Reason}: the service refused the credentials", unauthorized: true);
        }
        else if (failure.Transient)
        {
            // Still failing after every attempt: the rest of the batch would fare no better.
            tally.GiveUp($"{failure.Reason} after {attempt} attempt(s)", unauthorized: false);
        }
        else
        {
            tally.Note($"{failure.Reason} after {attempt} attempt(s)");
        }

        return false;
    }
}
