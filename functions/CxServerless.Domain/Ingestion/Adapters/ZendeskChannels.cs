using CxServerless.Domain.Events;

namespace CxServerless.Domain.Ingestion.Adapters;

/// <summary>
/// Maps Zendesk's <c>via.channel</c> values to <see cref="CxChannel"/>. Unmapped values leave the channel to <c>cx-channel</c>.
/// </summary>
internal static class ZendeskChannels
{
    private static readonly Dictionary<string, CxChannel> Map = new(StringComparer.OrdinalIgnoreCase)
    {
        ["web"] = CxChannel.Web,
        ["web_form"] = CxChannel.Web,
        ["help_center"] = CxChannel.Web,
        ["email"] = CxChannel.Email,
        ["mail"] = CxChannel.Email,
        ["chat"] = CxChannel.Chat,
        ["voice"] = CxChannel.Voice,
        ["phone"] = CxChannel.Voice,
        ["native_messaging"] = CxChannel.Messaging,
        ["messaging"] = CxChannel.Messaging,
        ["sms"] = CxChannel.Messaging,
        ["whatsapp"] = CxChannel.Messaging,
        ["facebook"] = CxChannel.Messaging,
        ["twitter"] = CxChannel.Messaging,
        ["answer_bot"] = CxChannel.Chatbot,
    };

    public static CxChannel? Of(string? via) => via is not null && Map.TryGetValue(via, out var channel) ? channel : null;
}
