namespace CxHost.Configuration;

/// <summary>
/// How several handler instances share the work, as the Functions host does when it scales out: Event Hubs partition
/// ownership (the Event Hubs processor's load balancing) and the timer singleton lock. The defaults are the Azure SDK's
/// and the WebJobs SDK's; tests shorten them.
/// </summary>
public sealed record ScaleOutOptions
{
    /// <summary>The most instances <c>--instances</c> accepts.</summary>
    public const int MaxInstances = 8;

    /// <summary>How many instances run, each with its own handler process, trigger listeners and owner id (1 by default).</summary>
    public int Instances { get; init; } = 1;

    /// <summary>
    /// How often an instance renews its partitions and balances ownership:
    /// <c>EventProcessorClientOptions.LoadBalancingUpdateInterval</c>, 30 seconds by default in the Azure SDK's processor.
    /// </summary>
    public TimeSpan LoadBalancingUpdateInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an ownership record stays valid without renewal:
    /// <c>EventProcessorClientOptions.PartitionOwnershipExpirationInterval</c>, 2 minutes by default in the Azure SDK's processor.
    /// </summary>
    public TimeSpan PartitionOwnershipExpiration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The blob lease of a timer's singleton listener lock: 15 to 60 s (a blob lease's range); 60 s by default.</summary>
    public TimeSpan TimerLockPeriod { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often an instance without a timer's lock tries to take it; 60 s by default.</summary>
    public TimeSpan TimerLockPollingInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The problems with these options (empty when valid).</summary>
    public IEnumerable<string> Problems()
    {
        if (Instances is < 1 or > MaxInstances)
        {
            yield return $"--instances: {Instances} is not between 1 and {MaxInstances}";
        }

        if (LoadBalancingUpdateInterval <= TimeSpan.Zero || PartitionOwnershipExpiration <= LoadBalancingUpdateInterval)
        {
            yield return "the partition ownership expiration must be longer than the load-balancing interval, and both positive";
        }

        if (TimerLockPeriod < TimeSpan.FromSeconds(15) || TimerLockPeriod > TimeSpan.FromSeconds(60))
        {
            yield return "the timer lock period must be 15 to 60 seconds (a blob lease's range)";
        }

        if (TimerLockPollingInterval <= TimeSpan.Zero)
        {
            yield return "the timer lock polling interval must be positive";
        }
    }
}
