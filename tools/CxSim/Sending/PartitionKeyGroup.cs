using CxSim.Generation;

namespace CxSim.Sending;

/// <summary>
/// The events of one batch that share a partition key (a conversation), as their positions in the batch, in batch order.
/// The SDK sender sends each group in batches of its own, because an SDK batch carries one partition key.
/// </summary>
/// <param name="PartitionKey">The partition key: the conversation id.</param>
/// <param name="Positions">The positions in the batch of the group's events, ascending.</param>
public sealed record PartitionKeyGroup(string PartitionKey, IReadOnlyList<int> Positions)
{
    /// <summary>
    /// Splits <paramref name="batch"/> by partition key. Groups come in the order their first event appears, so a
    /// conversation's events keep their order and every event is in exactly one group.
    /// </summary>
    public static IReadOnlyList<PartitionKeyGroup> Split(IReadOnlyList<SimulatedEvent> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var byKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var position = 0; position < batch.Count; position++)
        {
            var key = batch[position].PartitionKey;
            if (!byKey.TryGetValue(key, out var positions))
            {
                byKey[key] = positions = [];
                order.Add(key);
            }

            positions.Add(position);
        }

        return [.. order.Select(key => new PartitionKeyGroup(key, byKey[key]))];
    }
}
