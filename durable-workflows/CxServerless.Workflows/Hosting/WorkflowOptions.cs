using System.Text.RegularExpressions;

namespace CxServerless.Workflows.Hosting;

/// <summary>
/// Settings of the task hub the handler hosts: its name, its partitions and the framework's throughput settings.
/// Bound from the <c>Workflows</c> configuration section (<c>Workflows__TaskHub</c>, <c>Workflows__PartitionCount</c>, ...).
/// </summary>
/// <remarks>
/// Every handler instance that shares a storage account and a <see cref="TaskHub"/> name works on the same task hub;
/// the framework balances its <see cref="PartitionCount"/> control queues between them by blob leases. The partition
/// count is fixed when the task hub is first created; changing it later needs a new task hub name.
/// </remarks>
public sealed partial class WorkflowOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Workflows";

    /// <summary>Gets or sets the task hub name: 3 to 45 letters and digits, starting with a letter.</summary>
    public string TaskHub { get; set; } = "CxWorkflows";

    /// <summary>Gets or sets the number of control-queue partitions (1 to 16), the ceiling on orchestration scale-out.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Gets or sets how many activities one instance runs at once.</summary>
    public int MaxConcurrentActivities { get; set; } = 20;

    /// <summary>Gets or sets how many orchestration episodes one instance runs at once.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 20;

    /// <summary>Gets or sets whether orchestrations stay in memory between episodes (fewer history reads and replays).</summary>
    public bool ExtendedSessions { get; set; } = true;

    /// <summary>Gets or sets the longest wait between two polls of an idle queue (latency after idle against storage cost).</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how many messages one poll of a control queue takes (1 to 32).</summary>
    public int ControlQueueBatchSize { get; set; } = 32;

    /// <summary>
    /// Gets or sets the longest single durable timer; longer timers are chained, since queue messages can be hidden for 7 days at most.
    /// </summary>
    public TimeSpan MaximumTimerInterval { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Gets or sets how long a graceful stop waits for work in progress before it gives up.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Gets or sets how long a control-queue message stays hidden while an instance works on it: after a crash, the
    /// longest an orchestration waits before another instance picks its messages up. The framework renews it while
    /// an episode runs.
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets how long a work-item (activity) message stays hidden while an activity runs: after a crash, the
    /// longest an activity waits before it runs again elsewhere. The framework renews it while the activity runs.
    /// </summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Returns every problem with these options, naming the setting; empty when they are valid.</summary>
    /// <returns>The problems, one sentence each.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (TaskHub is null || !TaskHubName().IsMatch(TaskHub))
        {
            problems.Add($"{SectionName}__TaskHub must be 3 to 45 letters and digits starting with a letter (got '{TaskHub}').");
        }

        Check(problems, PartitionCount is >= 1 and <= 16, $"{SectionName}__PartitionCount must be 1 to 16 (got {PartitionCount}).");
        Check(problems, MaxConcurrentActivities is >= 1 and <= 1000,
            $"{SectionName}__MaxConcurrentActivities must be 1 to 1000 (got {MaxConcurrentActivities}).");
        Check(problems, MaxConcurrentOrchestrations is >= 1 and <= 1000,
            $"{SectionName}__MaxConcurrentOrchestrations must be 1 to 1000 (got {MaxConcurrentOrchestrations}).");
        Check(problems, MaxQueuePollingInterval >= TimeSpan.FromMilliseconds(100) && MaxQueuePollingInterval <= TimeSpan.FromMinutes(1),
            $"{SectionName}__MaxQueuePollingInterval must be 0.1 s to 1 min (got {MaxQueuePollingInterval}).");
        Check(problems, ControlQueueBatchSize is >= 1 and <= 32,
            $"{SectionName}__ControlQueueBatchSize must be 1 to 32 (got {ControlQueueBatchSize}).");
        Check(problems, MaximumTimerInterval >= TimeSpan.FromMinutes(1) && MaximumTimerInterval <= TimeSpan.FromDays(6),
            $"{SectionName}__MaximumTimerInterval must be 1 min to 6 days (got {MaximumTimerInterval}).");
        Check(problems, DrainTimeout >= TimeSpan.Zero && DrainTimeout <= TimeSpan.FromMinutes(5),
            $"{SectionName}__DrainTimeout must be 0 to 5 min (got {DrainTimeout}).");
        Check(problems, ControlQueueVisibilityTimeout >= TimeSpan.FromSeconds(10) && ControlQueueVisibilityTimeout <= TimeSpan.FromHours(1),
            $"{SectionName}__ControlQueueVisibilityTimeout must be 10 s to 1 h (got {ControlQueueVisibilityTimeout}).");
        Check(problems,
            WorkItemQueueVisibilityTimeout >= TimeSpan.FromSeconds(10) && WorkItemQueueVisibilityTimeout <= TimeSpan.FromHours(1),
            $"{SectionName}__WorkItemQueueVisibilityTimeout must be 10 s to 1 h (got {WorkItemQueueVisibilityTimeout}).");
        return problems;
    }

    private static void Check(List<string> problems, bool ok, string problem)
    {
        if (!ok)
        {
            problems.Add(problem);
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex TaskHubName();
}
