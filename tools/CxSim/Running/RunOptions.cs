namespace CxSim.Running;

/// <summary>How a run paces and batches the generated events.</summary>
public sealed record RunOptions
{
    /// <summary>
    /// Time acceleration: simulated seconds per wall-clock second (1 = real time). <see cref="double.PositiveInfinity"/>
    /// sends as fast as possible. Events are never sent before their event time.
    /// </summary>
    public double Speed { get; init; } = 1;

    /// <summary>Stop after this many events (null: no limit).</summary>
    public long? MaxEvents { get; init; }

    /// <summary>Events per request at most.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Estimated body bytes per request at most (Event Hubs allows 1 MB on Standard, 256 KB on Basic).</summary>
    public int MaxBatchBytes { get; init; } = 240 * 1024;

    /// <summary>How long an event may wait in a partial batch for company before the batch is sent.</summary>
    public TimeSpan MaxBatchDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Requests in flight at once.</summary>
    public int Concurrency { get; init; } = 2;

    /// <summary>After a stop request, how long in-flight and queued batches may still take.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(Speed > 0))
        {
            throw new ArgumentException("Speed must be positive.", nameof(Speed));
        }

        if (MaxEvents is <= 0)
        {
            throw new ArgumentException("MaxEvents must be positive.", nameof(MaxEvents));
        }

        if (BatchSize is < 1 or > 5000 || MaxBatchBytes < 1024 || Concurrency is < 1 or > 64)
        {
            throw new ArgumentException("BatchSize must be 1–5000, MaxBatchBytes at least 1024 and Concurrency 1–64.");
        }
    }
}
