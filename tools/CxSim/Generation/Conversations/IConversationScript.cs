using CxServerless.Domain.Events;

namespace CxSim.Generation.Conversations;

/// <summary>Plays out one contact of a channel as a coherent sequence of canonical events.</summary>
internal interface IConversationScript
{
    /// <summary>Appends the contact's events to <paramref name="conversation"/>.</summary>
    void Play(ConversationBuilder conversation, ScriptContext context);

    /// <summary>The script for a channel.</summary>
    static IConversationScript For(CxChannel channel) => channel switch
    {
        CxChannel.Voice => VoiceScript.Instance,
        CxChannel.Chat => ChatScript.Chat,
        CxChannel.Messaging => ChatScript.Messaging,
        CxChannel.Email => EmailScript.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "cx-sim has no script for this channel."),
    };
}
