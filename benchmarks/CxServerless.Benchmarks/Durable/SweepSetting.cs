using Azure.Core;
using CxServerless.Workflows.Hosting;

namespace CxServerless.Benchmarks.Durable;

/// <summary>
/// One row of the tuning sweep: a label, the setting it varies (<paramref name="Group"/>: variations of one group
/// exclude each other), its changes to the default <see cref="WorkflowOptions"/> and, optionally, to the storage
/// clients' options (which the app leaves at the Azure SDK's defaults).
/// </summary>
internal sealed record SweepSetting(string Label, string Group, Action<WorkflowOptions> Configure, Action<ClientOptions>? Storage = null)
{
    public static readonly SweepSetting Defaults = new("defaults", string.Empty, _ => { });

    /// <summary>The settings tried one at a time against the defaults.</summary>
    public static IReadOnlyList<SweepSetting> Variations { get; } =
    [
        new("ExtendedSessions off", "sessions", o => o.ExtendedSessions = false),
        new("MaxConcurrentOrch/Act 100/100", "concurrency", o => (o.MaxConcurrentOrchestrations, o.MaxConcurrentActivities) = (100, 100)),
        new("ControlQueueBatchSize 8", "batch", o => o.ControlQueueBatchSize = 8),
        new("PartitionCount 1", "partitions", o => o.PartitionCount = 1),
        new("PartitionCount 8", "partitions", o => o.PartitionCount = 8),
        new("storage NetworkTimeout 10 s", "network", _ => { }, c => c.Retry.NetworkTimeout = TimeSpan.FromSeconds(10)),
    ];

    /// <summary>The given variations at once (one per group).</summary>
    public static SweepSetting Combine(IReadOnlyList<SweepSetting> settings) =>
        new("combined: " + string.Join(" + ", settings.Select(s => s.Label)), "combined", o =>
        {
            foreach (var setting in settings)
            {
                setting.Configure(o);
            }
        }, c =>
        {
            foreach (var setting in settings)
            {
                setting.Storage?.Invoke(c);
            }
        });
}
