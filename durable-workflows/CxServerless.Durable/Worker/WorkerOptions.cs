namespace CxServerless.Durable.Worker;

/// <summary>Settings of the in-process worker that polls the task hub's queues.</summary>
public sealed class WorkerOptions
{
    /// <summary>Messages fetched per poll (1-32). Default 32.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>How long a fetched message stays invisible to other workers. Default 30 seconds.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between polls of an empty queue (polling backs off up to it). Default 1 second.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Episodes (instances) processed at once per control queue. Default 8.</summary>
    public int EpisodeConcurrency { get; set; } = 8;

    /// <summary>Activities run at once. Default 16.</summary>
    public int ActivityConcurrency { get; set; } = 16;

    /// <summary>How often the poison queues are swept for messages whose instances must be failed. Default 1 minute.</summary>
    public TimeSpan PoisonSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Returns the first problem, or null when valid.</summary>
    public string? Validate() =>
        BatchSize is < 1 or > 32 ? "Worker BatchSize must be 1-32."
        : VisibilityTimeout < TimeSpan.FromSeconds(1) ? "Worker VisibilityTimeout must be at least 1 second."
        : MaxPollingInterval <= TimeSpan.Zero ? "Worker MaxPollingInterval must be positive."
        : EpisodeConcurrency < 1 || ActivityConcurrency < 1 ? "Worker concurrency must be at least 1."
        : PoisonSweepInterval <= TimeSpan.Zero ? "Worker PoisonSweepInterval must be positive."
        : null;
}
