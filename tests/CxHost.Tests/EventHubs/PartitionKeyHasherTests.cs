using System.Text;
using CxHost.EventHubs;

namespace CxHost.Tests.EventHubs;

public sealed class PartitionKeyHasherTests
{
    // Test vectors from the driver in Bob Jenkins' lookup3.c (hashlittle2, "pc" and "pb" seeds).
    [Theory]
    [InlineData("", 0u, 0u, 0xdeadbeefu, 0xdeadbeefu)]
    [InlineData("", 0u, 0xdeadbeefu, 0xbd5b7ddeu, 0xdeadbeefu)]
    [InlineData("", 0xdeadbeefu, 0xdeadbeefu, 0x9c093ccdu, 0xbd5b7ddeu)]
    [InlineData("Four score and seven years ago", 0u, 0u, 0x17770551u, 0xce7226e6u)]
    [InlineData("Four score and seven years ago", 0u, 1u, 0xe3607caeu, 0xbd371de4u)]
    [InlineData("Four score and seven years ago", 1u, 0u, 0xcd628161u, 0x6cbea4b3u)]
    public void HashLittle2_matches_the_reference_vectors(string text, uint seed1, uint seed2, uint primary, uint secondary)
    {
        Assert.Equal((primary, secondary), PartitionKeyHasher.HashLittle2(Encoding.ASCII.GetBytes(text), seed1, seed2));
    }

    [Fact]
    public void A_key_always_maps_to_the_same_partition_in_range()
    {
        for (var i = 0; i < 500; i++)
        {
            var key = $"customer-{i}";
            var partition = PartitionKeyHasher.PartitionFor(key, 4);
            Assert.InRange(partition, 0, 3);
            Assert.Equal(partition, PartitionKeyHasher.PartitionFor(key, 4));
        }
    }

    [Fact]
    public void Keys_spread_over_every_partition()
    {
        var counts = Enumerable.Range(0, 4000).GroupBy(i => PartitionKeyHasher.PartitionFor($"conversation-{i}", 4)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(4, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 800, 1200));
    }

    [Fact]
    public void Table_names_are_valid_and_distinct_for_similar_hubs()
    {
        var a = EventLog.TableNameFor("cx-events");
        var b = EventLog.TableNameFor("cxevents");
        Assert.NotEqual(a, b);
        Assert.Matches("^[a-z][a-z0-9]{2,62}$", a);
        Assert.Matches("^[a-z][a-z0-9]{2,62}$", EventLog.TableNameFor(new string('h', 200)));
    }
}
