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
}
