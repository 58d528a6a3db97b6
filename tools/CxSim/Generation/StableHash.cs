using System.Globalization;

namespace CxSim.Generation;

/// <summary>FNV-1a: a stable hash for deterministic pseudonyms (string.GetHashCode changes per process).</summary>
internal static class StableHash
{
    public static ulong Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    public static string Hex(string text, int length) => Of(text).ToString("x16", CultureInfo.InvariantCulture)[..length];
}
