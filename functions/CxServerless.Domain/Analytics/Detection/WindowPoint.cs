namespace CxServerless.Domain.Analytics.Detection;

/// <summary>A KPI's value for one window, the input of detectors.</summary>
/// <param name="End">The window's end.</param>
/// <param name="Value">The value.</param>
/// <param name="SampleCount">How many observations the value rests on.</param>
/// <param name="Spread">
/// For a mean KPI, the standard deviation of the window's single observations (its sampling error is Spread / √n;
/// 0 for a single observation); null for other KPIs.
/// </param>
public readonly record struct WindowPoint(DateTimeOffset End, double Value, long SampleCount, double? Spread = null);
