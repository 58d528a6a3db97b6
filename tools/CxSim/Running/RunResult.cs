namespace CxSim.Running;

/// <summary>The outcome of a run: final counts, wall-clock duration and why it stopped.</summary>
public sealed record RunResult(RunSnapshot Counts, TimeSpan Elapsed, StopReason StoppedBy)
{
    /// <summary>Accepted events per wall-clock second.</summary>
    public double AchievedRate => Elapsed.TotalSeconds > 0 ? Counts.Sent / Elapsed.TotalSeconds : 0;
}
