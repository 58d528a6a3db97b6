using CxServerless.Domain.Events;

namespace CxSim.Generation;

/// <summary>A channel the simulator produces and its relative share of contacts.</summary>
/// <param name="Channel">One of <see cref="ChannelShare.Supported"/>.</param>
/// <param name="Weight">Relative share of contacts.</param>
public sealed record ChannelShare(CxChannel Channel, double Weight)
{
    /// <summary>The channels with a conversation script.</summary>
    public static IReadOnlyList<CxChannel> Supported { get; } = [CxChannel.Voice, CxChannel.Chat, CxChannel.Email, CxChannel.Messaging];

    /// <summary>The default mix: half voice, then chat, e-mail and messaging.</summary>
    public static IReadOnlyList<ChannelShare> DefaultMix { get; } =
    [
        new(CxChannel.Voice, 50), new(CxChannel.Chat, 25), new(CxChannel.Email, 15), new(CxChannel.Messaging, 10),
    ];
}
