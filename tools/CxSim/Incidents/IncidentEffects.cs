namespace CxSim.Incidents;

/// <summary>The combined effect of the incidents active for one contact at one time.</summary>
/// <param name="WaitFactor">Multiplier of queue waits for answered contacts (1 = none).</param>
/// <param name="AbandonFactor">Multiplier of the abandonment probability (1 = none).</param>
/// <param name="UnhappyShare">Share of survey responses drawn from the unhappy distribution (0 = none).</param>
/// <param name="DeadQueue">Whether nobody answers.</param>
public sealed record IncidentEffects(double WaitFactor, double AbandonFactor, double UnhappyShare, bool DeadQueue)
{
    /// <summary>No incident.</summary>
    public static IncidentEffects None { get; } = new(1, 1, 0, false);

    /// <summary>Adds one more active incident.</summary>
    public IncidentEffects With(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var m = incident.EffectiveMagnitude;
        return incident.Kind switch
        {
            IncidentKind.WaitSpike => this with { WaitFactor = WaitFactor * m },
            IncidentKind.AbandonmentSurge => this with { AbandonFactor = AbandonFactor * m },
            IncidentKind.CsatDip => this with { UnhappyShare = Math.Max(UnhappyShare, Math.Clamp(m, 0, 1)) },
            IncidentKind.DeadQueue => this with { DeadQueue = true },
            _ => this,
        };
    }
}
