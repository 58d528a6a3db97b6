using CxServerless.Domain.Events;
using CxSim.Faults;
using CxSim.Generation;
using CxSim.Sending;

namespace CxSim.Tests.Sending;

public sealed class PartitionKeyGroupTests
{
    [Fact]
    public void Events_are_grouped_by_partition_key_in_order_of_first_appearance_keeping_their_order()
    {
        SimulatedEvent[] batch = [Event("a"), Event("b"), Event("a"), Event("c"), Event("b"), Event("a")];

        var groups = PartitionKeyGroup.Split(batch);

        Assert.Equal(["a", "b", "c"], groups.Select(g => g.PartitionKey));
        Assert.Equal([0, 2, 5], groups[0].Positions);
        Assert.Equal([1, 4], groups[1].Positions);
        Assert.Equal([3], groups[2].Positions);
    }

    [Fact]
    public void Partition_keys_are_compared_exactly_and_an_empty_batch_has_no_groups()
    {
        Assert.Equal(2, PartitionKeyGroup.Split([Event("s1-1"), Event("S1-1")]).Count);
        Assert.Empty(PartitionKeyGroup.Split([]));
    }

    internal static SimulatedEvent Event(string partitionKey, int bodyLength = 20, long sequence = 0) =>
        new(sequence, new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), partitionKey, CxChannel.Chat,
            new string('x', bodyLength), "canonical", null, null, PiiKinds.None);
}
