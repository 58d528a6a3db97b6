namespace CxServerless.Workflows.Notifications;

/// <summary>
/// The <c>Delivery</c> field of a notification: one <c>{channel}: {outcome}</c> per channel beyond the inbox, joined by
/// <c>; </c> (<c>teams: delivered; email: failed: HTTP 503</c>), or <c>inbox</c> when the inbox is the only channel.
/// A channel not tried yet reads <c>pending</c>.
/// </summary>
public static class DeliveryText
{
    /// <summary>The field of a notification whose only channel is the inbox.</summary>
    public const string InboxOnly = "inbox";

    /// <summary>The outcome of a channel not tried yet.</summary>
    public const string Pending = "pending";

    private const int MaxReasonLength = 200;

    /// <summary>The field of a new notification: every channel beyond the inbox pending.</summary>
    /// <param name="channels">The notification's channels.</param>
    /// <returns>The text.</returns>
    public static string Initial(IEnumerable<string> channels) => Format(External(channels).Select(c => (c, Pending)));

    /// <summary>The channels beyond the inbox, in order, once each.</summary>
    /// <param name="channels">The notification's channels.</param>
    /// <returns>The external channels.</returns>
    public static IReadOnlyList<string> External(IEnumerable<string> channels) =>
        [.. channels.Where(c => !string.Equals(c, "inbox", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal)];

    /// <summary>Writes the field.</summary>
    /// <param name="outcomes">Each channel and its outcome text, in order.</param>
    /// <returns>The text.</returns>
    public static string Format(IEnumerable<(string Channel, string Outcome)> outcomes) =>
        string.Join("; ", outcomes.Select(o => $"{o.Channel}: {o.Outcome}")) is { Length: > 0 } text ? text : InboxOnly;

    /// <summary>Reads the field into each channel's outcome text, in order (empty for <c>inbox</c>).</summary>
    /// <param name="text">The field.</param>
    /// <returns>The outcomes.</returns>
    public static IReadOnlyList<(string Channel, string Outcome)> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text == InboxOnly)
        {
            return [];
        }

        return
        [
            .. text.Split("; ", StringSplitOptions.RemoveEmptyEntries)
                .Select(part => part.Split(": ", 2))
                .Where(pair => pair.Length == 2)
                .Select(pair => (pair[0], pair[1])),
        ];
    }

    /// <summary>The outcome kind of an outcome text: delivered, failed, notConfigured or pending.</summary>
    /// <param name="outcome">The outcome text.</param>
    /// <returns>The status.</returns>
    public static ChannelStatus StatusOf(string outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome switch
        {
            "delivered" => ChannelStatus.Delivered,
            _ when outcome.StartsWith("failed", StringComparison.Ordinal) => ChannelStatus.Failed,
            _ when outcome.StartsWith("not configured", StringComparison.Ordinal) => ChannelStatus.NotConfigured,
            _ => ChannelStatus.Pending,
        };
    }

    /// <summary>A reason fit for the field: one line, no separators, at most 200 characters.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The cleaned reason.</returns>
    public static string Clean(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var text = new string([.. reason.Select(c => char.IsControl(c) || c == ';' ? ' ' : c)]).Trim();
        return text.Length <= MaxReasonLength ? text : text[..MaxReasonLength];
    }
}
