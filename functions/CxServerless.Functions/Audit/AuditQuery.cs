using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Audit;

/// <summary>
/// A validated <c>GET /api/audit</c> query: a time range of at most <see cref="MaxRange"/> (default the last 24 hours),
/// optional actor and action, a page size and where the previous page stopped.
/// </summary>
/// <param name="From">The earliest entry time (inclusive).</param>
/// <param name="To">The latest entry time (inclusive).</param>
/// <param name="Actor">Only entries of this actor (display name or user id).</param>
/// <param name="Action">Only entries of this action (<c>GET WorkflowList</c>, ...).</param>
/// <param name="Top">The most entries on one page.</param>
/// <param name="Position">Where to resume, from the continuation token; null for the first page.</param>
public sealed record AuditQuery(
    DateTimeOffset From, DateTimeOffset To, string? Actor, string? Action, int Top, AuditPosition? Position)
{
    /// <summary>The widest range one query may cover.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(31);

    /// <summary>The page size when none is given.</summary>
    public const int DefaultTop = 100;

    /// <summary>The largest page.</summary>
    public const int MaxTop = 1000;

    /// <summary>Reads the query string; returns the query or the reason it is refused.</summary>
    public static (AuditQuery? Query, string? Problem) Parse(IReadOnlyDictionary<string, string> query, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? problem = null;
        var (from, to) = QueryValues.Range(
            query, now, MaxRange, "from and to may be at most 31 days apart; query a longer period one month at a time.", ref problem);

        var top = DefaultTop;
        if (query.TryGetValue("top", out var t) && t.Length > 0
            && (!int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > MaxTop))
        {
            problem ??= $"top must be a whole number from 1 to {MaxTop}.";
        }

        var actor = Text(query, "actor", ref problem);
        var action = Text(query, "action", ref problem);
        AuditPosition? position = null;
        if (query.GetValueOrDefault("continuationToken") is { Length: > 0 } token)
        {
            position = AuditPosition.Decode(token);
            if (position is null
                || position.Day > DateOnly.FromDateTime(to.UtcDateTime)
                || position.Day < DateOnly.FromDateTime(from.UtcDateTime))
            {
                problem ??= "continuationToken is not one this API issued for this range.";
            }
        }

        return problem is null ? (new AuditQuery(from, to, actor, action, top, position), null) : (null, problem);
    }

    private static string? Text(IReadOnlyDictionary<string, string> query, string name, ref string? problem)
    {
        var text = query.GetValueOrDefault(name) is { Length: > 0 } v ? v : null;
        if (text is { Length: > 256 })
        {
            problem ??= $"{name} is longer than 256 characters.";
        }

        return text;
    }
}

/// <summary>Where a page of the audit trail stopped: a UTC day and the last RowKey read in it (empty: the day's start).</summary>
/// <param name="Day">The day partition.</param>
/// <param name="AfterRowKey">Resume after this RowKey; empty to start the day.</param>
public sealed partial record AuditPosition(DateOnly Day, string AfterRowKey)
{
    /// <summary>The opaque token: base64url of <c>v1|yyyyMMdd|rowKey</c>.</summary>
    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"v1|{Day:yyyyMMdd}|{AfterRowKey}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Reads a token this API issued; null for anything else.</summary>
    public static AuditPosition? Decode(string token)
    {
        if (token.Length > 200)
        {
            return null;
        }

        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var length))
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(bytes, 0, length).Split('|');
        return parts.Length == 3 && parts[0] == "v1"
            && DateOnly.TryParseExact(parts[1], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && (parts[2].Length == 0 || RowKeyPattern().IsMatch(parts[2]))
                ? new AuditPosition(day, parts[2])
                : null;
    }

    [GeneratedRegex("^[0-9]{19}-[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex RowKeyPattern();
}
