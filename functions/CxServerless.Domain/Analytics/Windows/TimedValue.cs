namespace CxServerless.Domain.Analytics.Windows;

/// <summary>One observed value at an event time, the input of the event-level windows.</summary>
/// <param name="Time">The event time.</param>
/// <param name="Value">The value.</param>
public readonly record struct TimedValue(DateTimeOffset Time, double Value);
