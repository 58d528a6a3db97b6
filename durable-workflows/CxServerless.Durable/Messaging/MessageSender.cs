using Azure.Storage.Queues;
using CxServerless.Durable.Storage;

namespace CxServerless.Durable.Messaging;

/// <summary>
/// Sends engine messages. Messages never expire (a timer may wait for weeks); a payload that would make a message
/// exceed <see cref="DurableOptions.MaxMessageChars"/> moves to a blob.
/// </summary>
internal sealed class MessageSender(IReadOnlyList<QueueClient> controlQueues, QueueClient activityQueue, PayloadStore payloads, DurableOptions options)
{
    private static readonly TimeSpan NeverExpire = TimeSpan.FromSeconds(-1);

    public IReadOnlyList<QueueClient> ControlQueues { get; } = controlQueues;

    public QueueClient ActivityQueue { get; } = activityQueue;

    /// <summary>The control queue of <paramref name="instanceId"/>.</summary>
    public QueueClient ControlQueueOf(string instanceId) => ControlQueues[ControlPartitioner.PartitionOf(instanceId, ControlQueues.Count)];

    /// <summary>Sends a message to its instance's control queue, visible after <paramref name="delay"/>.</summary>
    public async Task SendControlAsync(WorkMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        var text = await ToTextAsync(message, cancellationToken);
        var visibility = delay <= TimeSpan.Zero ? (TimeSpan?)null : Clamp(delay);
        await ControlQueueOf(message.InstanceId).SendMessageAsync(text, visibility, NeverExpire, cancellationToken);
    }

    /// <summary>Sends an activity work item.</summary>
    public async Task SendActivityAsync(WorkMessage message, CancellationToken cancellationToken)
    {
        var text = await ToTextAsync(message, cancellationToken);
        await ActivityQueue.SendMessageAsync(text, null, NeverExpire, cancellationToken);
    }

    /// <summary>Reads a message's payload, inline or from its blob.</summary>
    public Task<string?> ReadPayloadAsync(WorkMessage message, CancellationToken cancellationToken) =>
        payloads.ReadAsync(message.Payload, message.PayloadBlob, cancellationToken);

    private TimeSpan Clamp(TimeSpan delay)
    {
        var seconds = Math.Ceiling(delay.TotalSeconds);
        return TimeSpan.FromSeconds(Math.Min(seconds, Math.Floor(options.MaxTimerDelay.TotalSeconds)));
    }

    private async Task<string> ToTextAsync(WorkMessage message, CancellationToken cancellationToken)
    {
        var text = message.ToText();
        if (text.Length <= options.MaxMessageChars || message.Payload is null)
        {
            return text;
        }

        var (_, blob) = await payloads.SpillAsync(message.InstanceId, message.Payload, 0, cancellationToken);
        return (message with { Payload = null, PayloadBlob = blob }).ToText();
    }
}
