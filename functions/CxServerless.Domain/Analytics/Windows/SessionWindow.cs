namespace CxServerless.Domain.Analytics.Windows;

/// <summary>One session of a key (conversation).</summary>
/// <param name="Key">The key (conversation id).</param>
/// <param name="Start">The time of its first event, or the check point it continues from after a maximum-duration cut.</param>
/// <param name="End">When it ends (last event + timeout, or the check point that cut it); its timestamp.</param>
/// <param name="EventCount">How many events it holds.</param>
/// <param name="LastEvent">The time of its last event.</param>
/// <param name="IsClosed">False when <paramref name="End"/> is still after the evaluation time, so a new event may extend it.</param>
public sealed record SessionWindow(
    string Key, DateTimeOffset Start, DateTimeOffset End, int EventCount, DateTimeOffset LastEvent, bool IsClosed)
{
    /// <summary>How long the session lasted (or has lasted so far, plus the timeout).</summary>
    public TimeSpan Duration => End - Start;
}
