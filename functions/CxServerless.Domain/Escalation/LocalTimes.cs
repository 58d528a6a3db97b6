namespace CxServerless.Domain.Escalation;

/// <summary>Turns a wall-clock time of a time zone into an instant, across daylight-saving changes.</summary>
public static class LocalTimes
{
    /// <summary>
    /// The instant at which the clocks of <paramref name="zone"/> show <paramref name="local"/>. A time the clock skips
    /// (spring forward) is read with the offset in force before the gap, so it lands as far past the gap's end as it
    /// was past its start (01:30 in London on the last Sunday of March is 01:30 UTC, which the clock shows as 02:30),
    /// as schedulers such as cron do; a time the clock shows twice (fall back) maps to its first occurrence.
    /// </summary>
    /// <param name="local">The wall-clock time (its kind is ignored).</param>
    /// <param name="zone">The time zone.</param>
    /// <returns>The instant, in UTC.</returns>
    public static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(wall))
        {
            // The offset in force just before the gap: an hour before it is always valid for real-world zones.
            offset = zone.GetUtcOffset(wall.AddHours(-3));
        }
        else if (zone.IsAmbiguousTime(wall))
        {
            offset = zone.GetAmbiguousTimeOffsets(wall).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(wall);
        }

        return new DateTimeOffset(wall - offset, TimeSpan.Zero);
    }
}
