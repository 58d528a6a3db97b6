using System.Diagnostics.Metrics;

namespace CxServerless.Workflows.Notifications;

/// <summary>The notification delivery counter, exported with the app's other <c>CxServerless.*</c> meters.</summary>
internal static class NotificationMetrics
{
    private static readonly Meter Meter = new("CxServerless.Workflows");

    private static readonly Counter<long> Deliveries = Meter.CreateCounter<long>(
        "cx.notifications.deliveries", unit: "{delivery}",
        description: "Notification deliveries beyond the inbox, by channel and outcome (delivered, failed, not_configured).");

    public static void Record(string channel, ChannelStatus status) =>
        Deliveries.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", status switch
        {
            ChannelStatus.Delivered => "delivered",
            ChannelStatus.Failed => "failed",
            ChannelStatus.NotConfigured => "not_configured",
            _ => "pending",
        }));
}
