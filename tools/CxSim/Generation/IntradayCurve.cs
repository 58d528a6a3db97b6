namespace CxSim.Generation;

/// <summary>
/// The shape of contact volume over the day and week, as a multiplier of the mean weekday volume (1.0 = average).
/// Evaluated in the contact centre's local time (<see cref="UtcOffset"/>), interpolated linearly between hours.
/// </summary>
public sealed class IntradayCurve
{
    // Relative volume at the start of each local hour: quiet nights, a mid-morning peak, a lunch dip, an early-afternoon peak.
    private static readonly double[] ContactCentreHours =
    [
        0.20, 0.15, 0.12, 0.12, 0.14, 0.20, 0.40, 0.75, 1.25, 1.70, 1.95, 1.85,
        1.40, 1.55, 1.75, 1.60, 1.35, 1.05, 0.80, 0.60, 0.45, 0.35, 0.28, 0.22,
    ];

    // Monday..Sunday (DayOfWeek order is Sunday first; see LevelAt).
    private static readonly double[] ContactCentreDays = [1.0, 1.0, 1.0, 1.0, 1.0, 0.7, 0.55];

    private readonly double[] _hours;
    private readonly double[] _days;

    private IntradayCurve(double[] hours, double[] days, TimeSpan utcOffset, string name)
    {
        var mean = hours.Average();
        _hours = [.. hours.Select(h => h / mean)];
        _days = days;
        UtcOffset = utcOffset;
        Name = name;
    }

    /// <summary>The offset of the contact centre's local time from UTC.</summary>
    public TimeSpan UtcOffset { get; }

    /// <summary>A short name for summaries (<c>contact-centre</c> or <c>flat</c>).</summary>
    public string Name { get; }

    /// <summary>No seasonality: the level is 1.0 at every time.</summary>
    public static IntradayCurve Flat { get; } =
        new(Enumerable.Repeat(1.0, 24).ToArray(), Enumerable.Repeat(1.0, 7).ToArray(), TimeSpan.Zero, "flat");

    /// <summary>A typical contact-centre day (peaks mid-morning and early afternoon, quiet nights, lighter weekends).</summary>
    public static IntradayCurve ContactCentre(TimeSpan utcOffset) =>
        new(ContactCentreHours, ContactCentreDays, utcOffset, "contact-centre");

    /// <summary>The volume multiplier at <paramref name="time"/>.</summary>
    public double LevelAt(DateTimeOffset time)
    {
        var local = time.UtcDateTime + UtcOffset;
        var hourOfDay = local.TimeOfDay.TotalHours;
        var hour = (int)hourOfDay;
        var fraction = hourOfDay - hour;
        var level = (_hours[hour] * (1 - fraction)) + (_hours[(hour + 1) % 24] * fraction);
        var mondayFirst = ((int)local.DayOfWeek + 6) % 7;
        return level * _days[mondayFirst];
    }
}
