namespace CxServerless.Domain.Analytics.Alerts;

/// <summary>The outcome of one window for an alert state machine.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Alert">The alert as it now stands (null for <see cref="AlertTransitionKind.None"/>).</param>
/// <param name="SeverityChanged">True when an update changed the severity.</param>
public sealed record AlertTransition(AlertTransitionKind Kind, Alert? Alert, bool SeverityChanged = false)
{
    /// <summary>Nothing happened.</summary>
    public static AlertTransition Nothing { get; } = new(AlertTransitionKind.None, null);
}
