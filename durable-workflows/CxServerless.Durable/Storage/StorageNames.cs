using System.Globalization;

namespace CxServerless.Durable.Storage;

/// <summary>The table, queue and container names of one task hub.</summary>
public sealed record StorageNames
{
    /// <summary>Derives the names from <paramref name="options"/>.</summary>
    public StorageNames(DurableOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var hub = options.TaskHub;
        var lower = hub.ToLowerInvariant();
        HistoryTable = hub + "History";
        InstancesTable = hub + "Instances";
        ActivityQueue = lower + "-activities";
        PayloadContainer = lower + "-payloads";
        ControlQueues = [.. Enumerable.Range(0, options.ControlPartitions).Select(i => string.Create(CultureInfo.InvariantCulture, $"{lower}-control-{i}"))];
    }

    /// <summary>The history table (one partition per instance).</summary>
    public string HistoryTable { get; }

    /// <summary>The instance index table.</summary>
    public string InstancesTable { get; }

    /// <summary>The activity work-item queue.</summary>
    public string ActivityQueue { get; }

    /// <summary>The payload blob container.</summary>
    public string PayloadContainer { get; }

    /// <summary>The control queues, by partition.</summary>
    public IReadOnlyList<string> ControlQueues { get; }
}
