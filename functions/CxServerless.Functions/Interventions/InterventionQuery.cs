using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using CxServerless.Domain.Interventions;
using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Interventions;

/// <summary>
/// A validated <c>GET /api/interventions</c> query: a decision-time range of at most <see cref="MaxRange"/> (default the
/// last 24 hours), an optional kind and team, a page size and the opaque token of the previous page.
/// </summary>
/// <param name="From">The earliest decision time (inclusive).</param>
/// <param name="To">The latest decision time (inclusive).</param>
/// <param name="Kind">Only this kind.</param>
/// <param name="Team">Only this team.</param>
/// <param name="Top">The most interventions on one page.</param>
/// <param name="Continuation">The storage continuation the token carried, or null for the first page.</param>
public sealed partial record InterventionQuery(
    DateTimeOffset From, DateTimeOffset To, string? Kind, string? Team, int Top, string? Continuation)
{
    /// <summary>The widest range one query may cover.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(7);

    /// <summary>The page size when none is given.</summary>
    public const int DefaultTop = 100;

    /// <summary>The largest page.</summary>
    public const int MaxTop = 1000;

    private const string TokenPrefix = "i1|";

    /// <summary>Reads the query string; returns the query or the reason it is refused.</summary>
    /// <param name="query">The query string.</param>
    /// <param name="now">Now (the default end).</param>
    /// <returns>The query, or the problem.</returns>
    public static (InterventionQuery? Query, string? Problem) Parse(IReadOnlyDictionary<string, string> query, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? problem = null;
        var (from, to) = QueryValues.Range(
            query, now, MaxRange, "from and to may be at most 7 days apart.", ref problem);

        var kind = query.GetValueOrDefault("kind") is { Length: > 0 } k ? k : null;
        if (kind is not null && !InterventionKinds.All.Contains(kind, StringComparer.Ordinal))
        {
            problem ??= $"kind must be one of: {string.Join(", ", InterventionKinds.All)}.";
        }

        var team = query.GetValueOrDefault("team") is { Length: > 0 } t ? t : null;
        if (team is not null && !TeamName().IsMatch(team))
        {
            problem ??= "team must be 1 to 64 letters, digits, '.', '_' or '-'.";
        }

        var top = DefaultTop;
        if (query.TryGetValue("top", out var topText) && topText.Length > 0
            && (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > MaxTop))
        {
            problem ??= $"top must be a whole number from 1 to {MaxTop}.";
        }

        string? continuation = null;
        if (query.GetValueOrDefault("continuationToken") is { Length: > 0 } token && (continuation = Decode(token)) is null)
        {
            problem ??= "continuationToken is not one this API issued.";
        }

        return problem is null ? (new InterventionQuery(from, to, kind, team, top, continuation), null) : (null, problem);
    }

    /// <summary>The same query, scoped to one team (a team lead's own).</summary>
    /// <param name="team">The team.</param>
    /// <returns>The scoped query.</returns>
    public InterventionQuery ForTeam(string team) => this with { Team = team };

    /// <summary>The table filter: the hour partitions of the range, the exact range, and the kind and team when given.</summary>
    /// <param name="withKind">Whether to filter by kind (the counts are per kind, so they ignore it).</param>
    /// <returns>The OData filter.</returns>
    public string Filter(bool withKind)
    {
        var (first, last) = (InterventionStore.HourPartition(From), InterventionStore.HourPartition(To));
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {first} and PartitionKey le {last} and At ge {From} and At le {To}");
        if (withKind && Kind is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Kind eq {Kind}");
        }

        if (Team is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Team eq {Team}");
        }

        return filter;
    }

    /// <summary>The opaque token of a storage continuation.</summary>
    /// <param name="continuation">The storage continuation, or null.</param>
    /// <returns>The token, or null.</returns>
    public static string? Encode(string? continuation) =>
        continuation is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(TokenPrefix + continuation));

    private static string? Decode(string token)
    {
        if (token.Length > 1000 || !Base64Url.IsValid(token))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        return text.StartsWith(TokenPrefix, StringComparison.Ordinal) && text.Length > TokenPrefix.Length
            ? text[TokenPrefix.Length..]
            : null;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex TeamName();
}
