namespace CxServerless.Domain.Analytics.Detection;

/// <summary>Turns a score against breach and clear thresholds into a level (breach at or past the breach threshold).</summary>
internal static class Hysteresis
{
    /// <summary>The level for a non-negative distance from normal, given breach ≥ clear thresholds.</summary>
    public static DetectionLevel Level(double distance, double breachAt, double clearBelow) =>
        distance >= breachAt ? DetectionLevel.Breach
        : distance < clearBelow ? DetectionLevel.Clear
        : DetectionLevel.Hold;

    /// <summary>True when <paramref name="direction"/> is watched by a detector configured for <paramref name="watched"/>.</summary>
    public static bool Watches(BreachDirection watched, BreachDirection direction) =>
        watched == BreachDirection.Both || watched == direction;
}
