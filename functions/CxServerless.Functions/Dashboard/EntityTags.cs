namespace CxServerless.Functions.Dashboard;

/// <summary>Conditional-request helpers (RFC 9110 §13.1.2, <c>If-None-Match</c> with weak comparison).</summary>
public static class EntityTags
{
    /// <summary>True when <paramref name="ifNoneMatch"/> is <c>*</c> or lists <paramref name="etag"/> (weakly compared).</summary>
    public static bool Matches(string? ifNoneMatch, string etag)
    {
        ArgumentException.ThrowIfNullOrEmpty(etag);
        if (string.IsNullOrWhiteSpace(ifNoneMatch))
        {
            return false;
        }

        var wanted = Opaque(etag);
        foreach (var candidate in ifNoneMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate == "*" || string.Equals(Opaque(candidate), wanted, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Opaque(string tag) =>
        tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
}
