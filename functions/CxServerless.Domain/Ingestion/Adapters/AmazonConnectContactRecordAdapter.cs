using System.Text.Json;
using CxServerless.Domain.Events;

namespace CxServerless.Domain.Ingestion.Adapters;

/// <summary>
/// Amazon Connect contact records (CTR), as streamed to Kinesis and forwarded to Event Hubs. Field meanings follow
/// the AWS "Data model for Amazon Connect contact records". One record is one ended (or abandoned) contact.
/// </summary>
public sealed class AmazonConnectContactRecordAdapter : ISourceAdapter
{
    private static readonly Dictionary<string, CxChannel> Channels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["VOICE"] = CxChannel.Voice,
        ["CHAT"] = CxChannel.Chat,
        ["EMAIL"] = CxChannel.Email,
    };

    /// <inheritdoc />
    public string Format => "amazon-connect-ctr";

    /// <inheritdoc />
    public string SourceSystem => "amazon-connect";

    /// <inheritdoc />
    public IReadOnlyList<string> Signature { get; } = ["ContactId"];

    /// <inheritdoc />
    public bool Matches(JsonElement root) =>
        root.TryGetProperty("ContactId", out _) &&
        (root.TryGetProperty("AWSContactTraceRecordFormatVersion", out _) || root.TryGetProperty("InitiationMethod", out _));

    /// <inheritdoc />
    public AdapterResult Adapt(JsonElement root)
    {
        var r = new FieldReader(root);
        var channelText = r.Required("Channel");
        if (string.Equals(channelText, "TASK", StringComparison.OrdinalIgnoreCase))
        {
            return new Rejection(QuarantineReason.UnsupportedType, "Channel TASK is back-office work, not a customer contact");
        }

        if (r.Problem is null && !Channels.ContainsKey(channelText))
        {
            return new Rejection(QuarantineReason.InvalidField, "Channel has a value with no mapping");
        }

        var hasAgent = r.At("Agent") is { ValueKind: JsonValueKind.Object };
        var abandoned = !hasAgent && r.At("Queue") is { ValueKind: JsonValueKind.Object };
        var transferred = r.At("TransferredToEndpoint") is not null || r.Time("TransferCompletedTimestamp") is not null;
        var initiated = r.RequiredTime("InitiationTimestamp");
        return AdapterResult.From(r, () => new SourceEvent
        {
            EventId = r.Required("ContactId"),
            Type = abandoned ? CxEventType.ContactAbandoned : CxEventType.ContactEnded,
            EventTime = r.Time("DisconnectTimestamp") ?? r.Time("LastUpdateTimestamp") ?? initiated,
            ConversationId = r.Text("InitialContactId") ?? r.Required("ContactId"),
            Channel = Channels.GetValueOrDefault(channelText),
            Queue = r.Text("Queue", "Name"),
            Team = r.Text("Agent", "HierarchyGroups", "Level1", "GroupName"),
            Region = RegionOf(r.Text("InstanceARN")),
            AgentId = r.Text("Agent", "ARN") ?? r.Text("Agent", "Username"),
            Customer = Customer(r),
            Measures = new CxMeasures
            {
                WaitSeconds = r.Number("Queue", "Duration"),
                IvrSeconds = Seconds(r.Time("ConnectedToSystemTimestamp"), r.Time("Queue", "EnqueueTimestamp")),
                TalkSeconds = r.Number("Agent", "AgentInteractionDuration"),
                HoldSeconds = r.Number("Agent", "CustomerHoldDuration"),
                AfterContactWorkSeconds = r.Number("Agent", "AfterContactWorkDuration"),
                Transfers = transferred ? 1 : null,
            },
            Outcome = abandoned ? CxOutcome.Abandoned : transferred ? CxOutcome.Transferred : null,
            OutcomeReason = r.Text("DisconnectReason"),
        });
    }

    private static List<CustomerIdentifier> Customer(FieldReader r)
    {
        var address = r.Text("CustomerEndpoint", "Address");
        return (r.Text("CustomerEndpoint", "Type"), address) switch
        {
            (_, null or "") => [],
            ("TELEPHONE_NUMBER", { } phone) => [new CustomerIdentifier(IdentifierKind.Phone, phone)],
            ("EMAIL_ADDRESS", { } email) => [new CustomerIdentifier(IdentifierKind.Email, email)],
            (_, { } other) => [new CustomerIdentifier(IdentifierKind.Account, other)],
        };
    }

    /// <summary>The AWS region from an instance ARN: <c>arn:aws:connect:us-east-1:…</c>.</summary>
    private static string? RegionOf(string? arn)
    {
        // arn:partition:service:region:… — the region is the fourth field.
        if (arn is null || !arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var start = 0;
        for (var field = 0; field < 3; field++)
        {
            start = arn.IndexOf(':', start) + 1;
            if (start == 0)
            {
                return null;
            }
        }

        var end = arn.IndexOf(':', start);
        return end > start ? arn[start..end] : null;
    }

    private static double? Seconds(DateTimeOffset? from, DateTimeOffset? to) =>
        from is { } f && to is { } t ? (t - f).TotalSeconds : null;
}
