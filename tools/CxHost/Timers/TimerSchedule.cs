using Cronos;

namespace CxHost.Timers;

/// <summary>
/// A timer trigger's 6-field NCRONTAB schedule (<c>{second} {minute} {hour} {day} {month} {day-of-week}</c>), evaluated
/// in UTC as on Azure by default, and the rule for <c>IsPastDue</c>.
/// </summary>
public sealed class TimerSchedule
{
    /// <summary>How late a run may start and still count as on time (the process was not paused).</summary>
    public static readonly TimeSpan PastDueTolerance = TimeSpan.FromSeconds(5);

    private readonly CronExpression _expression;

    private TimerSchedule(string text, CronExpression expression)
    {
        Text = text;
        _expression = expression;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>Parses a 6-field NCRONTAB expression.</summary>
    /// <exception cref="InvalidOperationException">
    /// It is not one (5-field cron and TimeSpan schedules are refused with the reason).
    /// </exception>
    public static TimerSchedule Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields != 6)
        {
            throw new InvalidOperationException(
                $"Timer schedule '{text}' has {fields} fields; "
                + "NCRONTAB needs 6 ({second} {minute} {hour} {day} {month} {day-of-week}).");
        }

        try
        {
            return new TimerSchedule(text, CronExpression.Parse(text, CronFormat.IncludeSeconds));
        }
        catch (CronFormatException ex)
        {
            throw new InvalidOperationException($"Timer schedule '{text}' is not valid NCRONTAB: {ex.Message}", ex);
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset Next(DateTimeOffset after) =>
        _expression.GetNextOccurrence(after, TimeZoneInfo.Utc)
        ?? throw new InvalidOperationException($"Timer schedule '{Text}' has no occurrence after {after:O}.");

    /// <summary>
    /// True when a run scheduled for <paramref name="scheduled"/> starts at <paramref name="now"/> later than
    /// <see cref="PastDueTolerance"/> (the process was paused, or cx-host was down when it was due).
    /// </summary>
    public static bool IsPastDue(DateTimeOffset scheduled, DateTimeOffset now) => now - scheduled > PastDueTolerance;
}
