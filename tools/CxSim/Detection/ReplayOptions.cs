namespace CxSim.Detection;

/// <summary>How <see cref="AlertReplay"/> plays simulated traffic through the analytics core.</summary>
public sealed record ReplayOptions
{
    /// <summary>
    /// Source partitions; events are spread over them by a stable hash of the conversation id (like Event Hubs' partition key).
    /// </summary>
    public int Partitions { get; init; } = 3;

    /// <summary>How often, in simulated processing time, the evaluation loop runs (the handler's timer period).</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Each event arrives between <see cref="MinArrivalDelay"/> and this long after its event time (deterministic per event).
    /// </summary>
    public TimeSpan MaxArrivalDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The shortest delivery delay.</summary>
    public TimeSpan MinArrivalDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How far back the first evaluation starts, as the handler's evaluator replays <c>CxAlertWarmUp</c> (6 hours) of
    /// stored buckets after a cold start: on an empty store those hours hold nothing at all.
    /// </summary>
    public TimeSpan ColdStartReplay { get; init; } = TimeSpan.FromHours(6);

    /// <summary>
    /// True (the default) to pass every wire body through the real ingestion pipeline (parse, validate, mask,
    /// pseudonymise), as the handler does; false to use the canonical events cx-sim encoded, which is faster.
    /// </summary>
    public bool ThroughIngestion { get; init; } = true;

    /// <summary>
    /// True to keep every watched bucket and active minute of the whole run (<see cref="AlertReplay.History"/>), as the
    /// recalibration's history; false (the default) keeps only the lookback the evaluation needs.
    /// </summary>
    public bool KeepHistory { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        if (Partitions is < 1 or > 32)
        {
            throw new ArgumentException("Partitions must be between 1 and 32.", nameof(Partitions));
        }

        if (Tick <= TimeSpan.Zero || Tick > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException("Tick must be positive and at most one minute.", nameof(Tick));
        }

        if (ColdStartReplay < TimeSpan.Zero)
        {
            throw new ArgumentException("ColdStartReplay must not be negative.", nameof(ColdStartReplay));
        }

        if (MinArrivalDelay < TimeSpan.Zero || MaxArrivalDelay < MinArrivalDelay)
        {
            throw new ArgumentException("Arrival delays must satisfy 0 ≤ MinArrivalDelay ≤ MaxArrivalDelay.", nameof(MaxArrivalDelay));
        }
    }
}
