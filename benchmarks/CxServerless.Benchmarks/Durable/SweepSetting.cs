using Azure.Core;
using CxServerless.Workflows.Hosting;

namespace CxServerless.Benchmarks.Durable;

/// <summary>
/// One row of the tuning sweep: a label, its changes to the default <see cref="WorkflowOptions"/> and, optionally, to
/// the storage clients' options (which the app leaves at the Azure SDK's defaults).
/// </summary>
internal sealed record SweepSetting(string Label, Action<WorkflowOptions> Configure, Action<ClientOptions>? Storage = null)
{
    public static readonly SweepSetting Defaults = new("defaults", _ => { });

    /// <summary>The settings tried one at a time against the defaults.</summary>
    public static IReadOnlyList<SweepSetting> Variations { get; } =
    [
        new("ExtendedSessions off", o => o.ExtendedSessions = false),
        new("MaxConcurrentOrch/Act 100/100", o => (o.MaxConcurrentOrchestrations, o.MaxConcurrentActivities) = (100, 100)),
        new("ControlQueueBatchSize 8", o => o.ControlQueueBatchSize = 8),
        new("PartitionCount 1", o => o.PartitionCount = 1),
        new("PartitionCount 8", o => o.PartitionCount = 8),
        new("storage NetworkTimeout 10 s", _ => { }, c => c.Retry.NetworkTimeout = TimeSpan.FromSeconds(10)),
    ];

    /// <summary>Every variation at once.</summary>
    public static SweepSetting Combine(IReadOnlyList<SweepSetting> settings) =>
        new("combined: " + string.Join(" + ", settings.Select(s => s.Label)), o =>
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
