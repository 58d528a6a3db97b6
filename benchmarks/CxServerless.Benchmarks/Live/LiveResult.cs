namespace CxServerless.Benchmarks.Live;

/// <summary>What one live run measured.</summary>
/// <param name="Phases">The polling phases, in order.</param>
/// <param name="Probes">Every injected probe.</param>
/// <param name="AchievedRate">Steady-load events accepted per second, over the whole load (probes excluded).</param>
/// <param name="ContactsPerMinute">The simulated contacts per minute that give the target rate.</param>
/// <param name="FailedEvents">Events the sender gave up on.</param>
/// <param name="Measured">From the end of the warm-up to the last probe seen.</param>
/// <param name="HandlerPeakBytes">The handler process's peak resident memory over the run.</param>
/// <param name="HandlerLastBytes">The handler process's resident memory at the end of the run.</param>
/// <param name="HandlerProcesses">Handler processes seen (more than one: it restarted).</param>
internal sealed record LiveResult(
    IReadOnlyList<PollPhase> Phases,
    IReadOnlyList<AlertProbe> Probes,
    double AchievedRate,
    double ContactsPerMinute,
    long FailedEvents,
    TimeSpan Measured,
    long HandlerPeakBytes,
    long HandlerLastBytes,
    int HandlerProcesses);
