namespace CxServerless.Benchmarks.Live;

/// <summary>What one live run measured.</summary>
/// <param name="Phases">The polling phases, in order.</param>
/// <param name="Probes">Every injected probe.</param>
/// <param name="AchievedRate">Steady-load events accepted per second, over the whole load (probes excluded).</param>
/// <param name="ContactsPerMinute">The simulated contacts per minute that give the target rate.</param>
/// <param name="FailedEvents">Events the sender gave up on.</param>
/// <param name="Measured">From the end of the warm-up to the last probe seen.</param>
internal sealed record LiveResult(
    IReadOnlyList<PollPhase> Phases,
    IReadOnlyList<AlertProbe> Probes,
    double AchievedRate,
    double ContactsPerMinute,
    long FailedEvents,
    TimeSpan Measured);
