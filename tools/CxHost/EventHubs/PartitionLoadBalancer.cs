namespace CxHost.EventHubs;

/// <summary>
/// The Event Hubs processor's load-balancing decision, pure: given who holds which partition now, which partitions should
/// this instance claim in this cycle? Each active owner aims at its fair share (partitions ÷ owners, the remainder going to
/// some of them). Unowned and expired partitions are claimed first, as many as the fair share needs in one cycle (the
/// SDK's default greedy strategy); only when none is left is one partition taken from the most loaded owner, and no more
/// than one per cycle.
/// </summary>
public static class PartitionLoadBalancer
{
    /// <summary>The partitions <paramref name="self"/> should claim now.</summary>
    /// <param name="self">This instance's owner id.</param>
    /// <param name="partitions">Every partition of the hub.</param>
    /// <param name="activeOwners">Partition → owner for every record that is active (renewed within the expiration).</param>
    /// <param name="random">Picks among equally good partitions, so instances do not all race for the same one.</param>
    public static IReadOnlyList<string> PartitionsToClaim(
        string self, IReadOnlyList<string> partitions, IReadOnlyDictionary<string, string> activeOwners, Random random)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ArgumentNullException.ThrowIfNull(activeOwners);
        ArgumentNullException.ThrowIfNull(random);
        var owned = partitions.Where(activeOwners.ContainsKey).ToDictionary(p => p, p => activeOwners[p], StringComparer.Ordinal);
        var counts = owned.Values.GroupBy(o => o, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        counts.TryAdd(self, 0);
        var unowned = partitions.Where(p => !owned.ContainsKey(p)).OrderBy(_ => random.Next()).ToList();
        var claims = new List<string>();
        while (WantsMore(self, partitions.Count, counts, out var mine, out var fair))
        {
            if (unowned.Count > 0)
            {
                claims.Add(unowned[0]);
                unowned.RemoveAt(0);
                counts[self]++;
                continue;
            }

            if (claims.Count == 0 && Victim(self, counts, mine, fair) is { } victim)
            {
                var theirs = owned.Where(o => o.Value == victim).Select(o => o.Key).ToList();
                claims.Add(theirs[random.Next(theirs.Count)]);
            }

            break;
        }

        return claims;
    }

    /// <summary>Below the fair share, or at it while fewer owners hold one more than the remainder allows.</summary>
    private static bool WantsMore(string self, int partitionCount, Dictionary<string, int> counts, out int mine, out int fair)
    {
        fair = partitionCount / counts.Count;
        var remainder = partitionCount % counts.Count;
        var share = fair;
        mine = counts[self];
        return mine < share || (mine == share && remainder > 0 && counts.Values.Count(c => c > share) < remainder);
    }

    /// <summary>The most loaded other owner, if taking one of its partitions brings the two closer to their fair shares.</summary>
    private static string? Victim(string self, Dictionary<string, int> counts, int mine, int fair)
    {
        var (owner, count) = counts.Where(c => c.Key != self).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (c.Key, c.Value)).FirstOrDefault();
        var limit = mine < fair ? fair : fair + 1;
        return owner is not null && count > limit ? owner : null;
    }
}
