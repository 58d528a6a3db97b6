namespace CxSim.Incidents;

/// <summary>
/// An injected deviation: contacts in <see cref="Slice"/> that arrive in [<see cref="Start"/>, <see cref="End"/>)
/// (survey responses: that are answered in it) behave as <see cref="Kind"/> says. Times are event times.
/// </summary>
/// <param name="Kind">What goes wrong.</param>
/// <param name="Start">Event time the incident starts (inclusive).</param>
/// <param name="End">Event time the incident ends (exclusive).</param>
/// <param name="Slice">The affected traffic.</param>
/// <param name="Magnitude">How strongly; null means the kind's default (see <see cref="IncidentKind"/>).</param>
public sealed record Incident(IncidentKind Kind, DateTimeOffset Start, DateTimeOffset End, IncidentSlice Slice, double? Magnitude = null)
{
    /// <summary>The magnitude in effect (the given one or the kind's default).</summary>
    public double EffectiveMagnitude => Magnitude ?? DefaultMagnitude(Kind);

    /// <summary>Whether the incident is active at <paramref name="time"/>.</summary>
    public bool IsActiveAt(DateTimeOffset time) => time >= Start && time < End;

    /// <summary>The default magnitude of a kind.</summary>
    public static double DefaultMagnitude(IncidentKind kind) => kind switch
    {
        IncidentKind.WaitSpike => 4.0,
        IncidentKind.CsatDip => 0.7,
        IncidentKind.AbandonmentSurge => 5.0,
        _ => 1.0,
    };

    /// <summary>The label that describes this incident for detection-quality measurement.</summary>
    public IncidentLabel ToLabel() => IncidentLabel.For(this);
}
