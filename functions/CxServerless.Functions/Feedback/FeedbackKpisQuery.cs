using System.Globalization;
using CxServerless.Domain.Feedback;

namespace CxServerless.Functions.Feedback;

/// <summary>
/// A validated <c>GET /api/feedback/kpis</c> query: the loops opened in (<c>from</c>, <c>to</c>], at most
/// <see cref="MaxRange"/> apart (default: the last <see cref="DefaultRange"/>), grouped <c>by</c> team or topic.
/// </summary>
/// <param name="From">The window's start (excluded).</param>
/// <param name="To">The window's end (included).</param>
/// <param name="By">The grouping.</param>
public sealed record FeedbackKpisQuery(DateTimeOffset From, DateTimeOffset To, FeedbackKpiGrouping By)
{
    /// <summary>The window when <c>from</c> is not given: loops end weeks after they open, so a month.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(30);

    /// <summary>The widest window: a quarter (one read of at most 93 day partitions).</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(92);

    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Reads the query string; returns the query or the reason it is refused.</summary>
    /// <param name="query">The query string.</param>
    /// <param name="now">Now: the default end.</param>
    /// <returns>The query, or the problem's detail.</returns>
    public static (FeedbackKpisQuery? Query, string? Problem) Parse(IReadOnlyDictionary<string, string> query, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? problem = null;
        var to = Time(query, "to", ref problem) ?? now;
        var from = Time(query, "from", ref problem) ?? to - DefaultRange;
        if (problem is null && from >= to)
        {
            problem = "from must be before to.";
        }
        else if (problem is null && to - from > MaxRange)
        {
            problem = "from and to may be at most 92 days apart; ask for a longer period one quarter at a time.";
        }

        var by = FeedbackKpiGrouping.Team;
        switch (query.GetValueOrDefault("by"))
        {
            case null or "" or "team":
                break;
            case "topic":
                by = FeedbackKpiGrouping.Topic;
                break;
            default:
                problem ??= "by must be team or topic.";
                break;
        }

        return problem is null ? (new FeedbackKpisQuery(from, to, by), null) : (null, problem);
    }

    private static DateTimeOffset? Time(IReadOnlyDictionary<string, string> query, string name, ref string? problem)
    {
        if (query.GetValueOrDefault(name) is not { Length: > 0 } text)
        {
            return null;
        }

        if (text.Length <= 40
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            && value >= Earliest && value < Latest)
        {
            return value.ToUniversalTime();
        }

        problem ??= $"{name} must be an ISO 8601 time from the year 2000 on, for example 2026-12-01T00:00:00Z.";
        return null;
    }
}
