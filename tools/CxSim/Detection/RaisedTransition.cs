using CxServerless.Domain.Analytics.Alerts;

namespace CxSim.Detection;

/// <summary>An alert transition and the simulated processing time at which the evaluation loop produced it.</summary>
/// <param name="Transition">What changed.</param>
/// <param name="RaisedAt">The loop's clock when it happened (the alert's window end plus lateness and loop delay).</param>
public sealed record RaisedTransition(AlertTransition Transition, DateTimeOffset RaisedAt)
{
    /// <summary>The alert as it stands after the transition.</summary>
    public Alert Alert => Transition.Alert ?? throw new InvalidOperationException("A raised transition always carries its alert.");
}
