using System.Globalization;

namespace CxServerless.Functions.Invocation;

/// <summary>Reads typed values from an HTTP query string, keeping the first problem as the reason of a 400.</summary>
internal static class QueryValues
{
    /// <summary>Reads an ISO 8601 time, as UTC (a time without offset is UTC).</summary>
    /// <param name="query">The query string.</param>
    /// <param name="name">The parameter.</param>
    /// <param name="problem">Set to the reason when the value is not a time and no earlier problem was found.</param>
    /// <returns>The time, or null when absent or invalid.</returns>
    public static DateTimeOffset? Time(IReadOnlyDictionary<string, string> query, string name, ref string? problem)
    {
        if (!query.TryGetValue(name, out var text) || text.Length == 0)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value.ToUniversalTime();
        }

        problem ??= $"{name} must be an ISO 8601 time, for example 2026-01-31T00:00:00Z.";
        return null;
    }

    /// <summary>
    /// Reads the range <c>from</c>–<c>to</c> (by default the 24 hours before <paramref name="now"/>), refusing a reversed
    /// range or one wider than <paramref name="maxRange"/>.
    /// </summary>
    /// <param name="query">The query string.</param>
    /// <param name="now">Now (the default end).</param>
    /// <param name="maxRange">The widest range allowed.</param>
    /// <param name="tooWide">The reason given for a wider range.</param>
    /// <param name="problem">Set to the reason when the range is refused and no earlier problem was found.</param>
    /// <returns>The range (meaningless when a problem was set).</returns>
    public static (DateTimeOffset From, DateTimeOffset To) Range(
        IReadOnlyDictionary<string, string> query, DateTimeOffset now, TimeSpan maxRange, string tooWide, ref string? problem)
    {
        var to = Time(query, "to", ref problem) ?? now;
        var from = Time(query, "from", ref problem) ?? to.AddDays(-1);
        if (from > to)
        {
            problem ??= "from is after to.";
        }
        else if (to - from > maxRange)
        {
            problem ??= tooWide;
        }

        return (from, to);
    }
}
