using CxServerless.Domain.Events;

namespace CxServerless.Domain.Analytics.Slices;

/// <summary>Cached names of <see cref="CxChannel"/> values, so slicing an event allocates no strings.</summary>
internal static class ChannelNames
{
    private static readonly string[] Names = Enum.GetValues<CxChannel>().Select(c => c.ToString()).ToArray();

    /// <summary>The name of a channel, as in the canonical event's JSON.</summary>
    public static string Of(CxChannel channel)
    {
        var index = (int)channel;
        return index >= 0 && index < Names.Length ? Names[index] : channel.ToString();
    }
}
