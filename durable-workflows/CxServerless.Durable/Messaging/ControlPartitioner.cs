using System.Text;

namespace CxServerless.Durable.Messaging;

/// <summary>Maps an instance id to its control queue with a stable hash (FNV-1a over UTF-8), so every process agrees.</summary>
public static class ControlPartitioner
{
    /// <summary>The control partition (0 to <paramref name="partitions"/> - 1) of <paramref name="instanceId"/>.</summary>
    public static int PartitionOf(string instanceId, int partitions)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(instanceId))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % (uint)partitions);
    }
}
