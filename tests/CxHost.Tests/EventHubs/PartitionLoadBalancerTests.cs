using CxHost.EventHubs;

namespace CxHost.Tests.EventHubs;

public sealed class PartitionLoadBalancerTests
{
    private static readonly string[] Eight = ["0", "1", "2", "3", "4", "5", "6", "7"];

    [Fact]
    public void A_lone_instance_claims_every_unowned_partition_in_one_cycle()
    {
        var claims = PartitionLoadBalancer.PartitionsToClaim("a", Eight, new Dictionary<string, string>(), new Random(1));

        Assert.Equal(Eight, claims.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_newcomer_takes_one_partition_per_cycle_from_the_most_loaded_owner()
    {
        var active = Eight.ToDictionary(p => p, _ => "a");

        var claims = PartitionLoadBalancer.PartitionsToClaim("b", Eight, active, new Random(1));

        Assert.Single(claims);
    }

    [Fact]
    public void Unowned_partitions_are_claimed_before_anything_is_stolen()
    {
        // a holds 0-5; 6 and 7 are free (expired or never claimed): b takes both and steals nothing.
        var active = Eight.Take(6).ToDictionary(p => p, _ => "a");

        var claims = PartitionLoadBalancer.PartitionsToClaim("b", Eight, active, new Random(1));

        Assert.Equal(["6", "7"], claims.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_instance_at_its_fair_share_claims_nothing()
    {
        var active = new Dictionary<string, string>
        {
            ["0"] = "a",
            ["1"] = "a",
            ["2"] = "a",
            ["3"] = "b",
            ["4"] = "b",
            ["5"] = "c",
            ["6"] = "c",
            ["7"] = "b",
        };

        // 8 over 3 owners: 3, 3 and 2 is as fair as it gets.
        Assert.Empty(PartitionLoadBalancer.PartitionsToClaim("a", Eight, active, new Random(1)));
        Assert.Empty(PartitionLoadBalancer.PartitionsToClaim("b", Eight, active, new Random(1)));
        Assert.Empty(PartitionLoadBalancer.PartitionsToClaim("c", Eight, active, new Random(1)));
    }

    [Fact]
    public void An_instance_below_its_share_steals_only_from_an_owner_above_it()
    {
        // 8 over 3 owners: shares 3, 3, 2. a has 4 (one too many), b has 3, c has 1: c takes one from a.
        var active = new Dictionary<string, string>
        {
            ["0"] = "a",
            ["1"] = "a",
            ["2"] = "a",
            ["3"] = "a",
            ["4"] = "b",
            ["5"] = "b",
            ["6"] = "b",
            ["7"] = "c",
        };

        var claims = PartitionLoadBalancer.PartitionsToClaim("c", Eight, active, new Random(1));

        var stolen = Assert.Single(claims);
        Assert.Equal("a", active[stolen]);
    }

    [Theory]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(4, 32)]
    [InlineData(5, 3)]
    public void Owners_taking_turns_converge_to_fair_shares(int owners, int partitionCount)
    {
        var partitions = Enumerable.Range(0, partitionCount)
            .Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        var names = Enumerable.Range(0, owners).Select(o => $"owner{o}").ToList();
        var active = new Dictionary<string, string>(StringComparer.Ordinal);
        var random = new Random(7);
        for (var cycle = 0; cycle < 100; cycle++)
        {
            foreach (var name in names)
            {
                foreach (var claim in PartitionLoadBalancer.PartitionsToClaim(name, partitions, active, random))
                {
                    active[claim] = name;
                }
            }
        }

        Assert.Equal(partitionCount, active.Count);
        var counts = names.Select(n => active.Values.Count(v => v == n)).ToList();
        Assert.Equal(partitionCount / owners, counts.Min());
        Assert.True(counts.Max() <= (partitionCount / owners) + (partitionCount % owners == 0 ? 0 : 1), string.Join(",", counts));
    }
}
