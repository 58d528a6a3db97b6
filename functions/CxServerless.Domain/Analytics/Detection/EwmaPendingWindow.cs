namespace CxServerless.Domain.Analytics.Detection;

/// <summary>
/// A window an <see cref="EwmaBaselineDetector"/> has judged but not learned yet, with how far it was from its hour's
/// cell and from the all-hours cell when judged: the variance is learned from those deviations, the ones z is
/// computed from, not from a mean that already holds the overlapping windows.
/// </summary>
/// <param name="Point">The window.</param>
/// <param name="HourDeviation">Its value less its hour cell's mean when judged; null when the cell was empty.</param>
/// <param name="AllHoursDeviation">Its value less the all-hours cell's mean when judged; null when the cell was empty.</param>
public readonly record struct EwmaPendingWindow(WindowPoint Point, double? HourDeviation, double? AllHoursDeviation);
