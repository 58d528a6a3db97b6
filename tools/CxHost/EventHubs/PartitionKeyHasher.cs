using System.Text;

namespace CxHost.EventHubs;

/// <summary>
/// Maps a partition key to a partition with a stable hash (Bob Jenkins' lookup3 <c>hashlittle2</c> over the key's
/// UTF-8 bytes, folded to 16 bits), so one key always lands in one partition, across runs and machines. Event Hubs
/// hashes keys on the service side with an unpublished function; only the guarantee is the same, not the mapping.
/// </summary>
public static class PartitionKeyHasher
{
    /// <summary>The partition (0..<paramref name="partitionCount"/>-1) for <paramref name="partitionKey"/>.</summary>
    public static int PartitionFor(string partitionKey, int partitionCount)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        var (c, b) = HashLittle2(Encoding.UTF8.GetBytes(partitionKey), 0, 0);
        var folded = (short)(c ^ b);
        return Math.Abs(folded % partitionCount);
    }

    /// <summary>lookup3 <c>hashlittle2</c>: two 32-bit hashes of <paramref name="data"/>.</summary>
    internal static (uint Primary, uint Secondary) HashLittle2(ReadOnlySpan<byte> data, uint seed1, uint seed2)
    {
        uint a, b, c;
        a = b = c = 0xdeadbeef + (uint)data.Length + seed1;
        c += seed2;
        var offset = 0;
        var length = data.Length;
        while (length > 12)
        {
            a += Word(data, offset);
            b += Word(data, offset + 4);
            c += Word(data, offset + 8);
            Mix(ref a, ref b, ref c);
            offset += 12;
            length -= 12;
        }

        if (length == 0)
        {
            return (c, b);
        }

        Span<byte> tail = stackalloc byte[12];
        data[offset..].CopyTo(tail);
        a += Word(tail, 0);
        b += Word(tail, 4);
        c += Word(tail, 8);
        Final(ref a, ref b, ref c);
        return (c, b);
    }

    private static uint Word(ReadOnlySpan<byte> data, int offset) =>
        (uint)(data[offset] | (data[offset + 1] << 8) | (data[offset + 2] << 16) | (data[offset + 3] << 24));

    private static void Mix(ref uint a, ref uint b, ref uint c)
    {
        a -= c; a ^= uint.RotateLeft(c, 4); c += b;
        b -= a; b ^= uint.RotateLeft(a, 6); a += c;
        c -= b; c ^= uint.RotateLeft(b, 8); b += a;
        a -= c; a ^= uint.RotateLeft(c, 16); c += b;
        b -= a; b ^= uint.RotateLeft(a, 19); a += c;
        c -= b; c ^= uint.RotateLeft(b, 4); b += a;
    }

    private static void Final(ref uint a, ref uint b, ref uint c)
    {
        c ^= b; c -= uint.RotateLeft(b, 14);
        a ^= c; a -= uint.RotateLeft(c, 11);
        b ^= a; b -= uint.RotateLeft(a, 25);
        c ^= b; c -= uint.RotateLeft(b, 16);
        a ^= c; a -= uint.RotateLeft(c, 4);
        b ^= a; b -= uint.RotateLeft(a, 14);
        c ^= b; c -= uint.RotateLeft(b, 24);
    }
}
