namespace CxServerless.Functions.Retention;

/// <summary>The legal holds in force when a sweep starts: held customer pseudonyms and held case ids.</summary>
/// <param name="Customers">Held customer pseudonyms.</param>
/// <param name="Cases">Held conversation, alert and task ids.</param>
public sealed record LegalHoldSet(IReadOnlySet<string> Customers, IReadOnlySet<string> Cases)
{
    /// <summary>No holds.</summary>
    public static LegalHoldSet None { get; } = new(new HashSet<string>(), new HashSet<string>());

    /// <summary>True when the customer or any of the case ids is held.</summary>
    public bool Holds(string? customerKey, params ReadOnlySpan<string?> caseIds)
    {
        if (customerKey is not null && Customers.Contains(customerKey))
        {
            return true;
        }

        foreach (var id in caseIds)
        {
            if (id is not null && Cases.Contains(id))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="text"/> mentions a held case id (for rows that keep no id column).</summary>
    public bool Mentions(string? text) =>
        text is not null && Cases.Any(id => text.Contains(id, StringComparison.Ordinal));
}
