namespace CxServerless.Functions.Invocation;

/// <summary>A queue trigger invocation: the message text and its metadata.</summary>
/// <param name="Text">The message text, decoded from the host's double encoding.</param>
/// <param name="Id">The queue message id (the idempotency key for queue work).</param>
/// <param name="DequeueCount">How many times the message has been dequeued, this delivery included.</param>
/// <param name="InsertionTime">When the message was enqueued.</param>
public sealed record QueueDelivery(string Text, string Id, long DequeueCount, DateTimeOffset? InsertionTime)
{
    /// <summary>Reads the queue message bound to <paramref name="bindingName"/>, in either encoding.</summary>
    public static QueueDelivery? TryRead(InvocationRequest request, string bindingName, out string? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        var node = request.Data[bindingName];
        if (node is null)
        {
            error = $"Data.{bindingName} is missing.";
            return null;
        }

        // A JSON message may arrive as an object (plain form) or as a string holding it (double-encoded form).
        var text = EncodedJson.ReadString(node) ?? node.ToJsonString();
        var meta = request.Metadata;
        error = null;
        return new QueueDelivery(
            text,
            EncodedJson.ReadString(meta["Id"]) ?? string.Empty,
            EncodedJson.ReadInt64(meta["DequeueCount"]) ?? 1,
            EventHubBatch.ParseEnqueuedTime(EncodedJson.ReadString(meta["InsertionTime"])));
    }
}
