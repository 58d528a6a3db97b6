namespace CxServerless.Workflows.Notifications;

/// <summary>What one channel did with one notification, as the Notifications table's <c>Delivery</c> field records it.</summary>
/// <param name="Status">Delivered, failed or not configured.</param>
/// <param name="Reason">Why it failed or is not configured; never message text or an address.</param>
public sealed record ChannelOutcome(ChannelStatus Status, string? Reason = null)
{
    /// <summary>Gets the outcome of a successful send.</summary>
    public static ChannelOutcome Delivered { get; } = new(ChannelStatus.Delivered);

    /// <summary>A failed send.</summary>
    /// <param name="reason">Why, for example <c>HTTP 500</c> or <c>HttpRequestException</c>.</param>
    /// <returns>The outcome.</returns>
    public static ChannelOutcome Failed(string reason) => new(ChannelStatus.Failed, reason);

    /// <summary>A channel with nothing to send to.</summary>
    /// <param name="reason">What is missing, or null when the channel has no settings at all.</param>
    /// <returns>The outcome.</returns>
    public static ChannelOutcome NotConfigured(string? reason = null) => new(ChannelStatus.NotConfigured, reason);

    /// <summary>
    /// The outcome as the <c>Delivery</c> field spells it: <c>delivered</c>, <c>failed: {reason}</c>, <c>not configured</c>.
    /// </summary>
    /// <returns>The text.</returns>
    public override string ToString() => Status switch
    {
        ChannelStatus.Delivered => "delivered",
        ChannelStatus.Failed => "failed: " + DeliveryText.Clean(Reason ?? "unknown"),
        ChannelStatus.NotConfigured => Reason is null ? "not configured" : "not configured (" + DeliveryText.Clean(Reason) + ")",
        _ => "pending",
    };
}

/// <summary>The state of one channel's delivery of one notification.</summary>
public enum ChannelStatus
{
    /// <summary>Not tried yet.</summary>
    Pending,

    /// <summary>The channel accepted it (e-mail: the send operation succeeded).</summary>
    Delivered,

    /// <summary>The channel refused it, or kept failing through its retries.</summary>
    Failed,

    /// <summary>The channel has no settings, or nothing to send to for this recipient.</summary>
    NotConfigured,
}
