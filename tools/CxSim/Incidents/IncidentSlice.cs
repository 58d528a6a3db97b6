using CxServerless.Domain.Events;

namespace CxSim.Incidents;

/// <summary>
/// The traffic an incident affects: every given dimension must match (a null dimension matches everything).
/// Values compare case-insensitively; <see cref="Channel"/> uses the <see cref="CxChannel"/> names.
/// </summary>
public sealed record IncidentSlice(CxChannel? Channel = null, string? Queue = null, string? Team = null, string? Region = null)
{
    /// <summary>The slice that matches all traffic.</summary>
    public static IncidentSlice All { get; } = new();

    /// <summary>Whether a contact with these attributes is in the slice.</summary>
    public bool Matches(CxChannel channel, string queue, string team, string region) =>
        (Channel is null || Channel == channel)
        && Same(Queue, queue)
        && Same(Team, team)
        && Same(Region, region);

    /// <summary>The slice as dimension → value pairs (lower-case keys; only the dimensions that are set).</summary>
    public IReadOnlyDictionary<string, string> ToDimensions()
    {
        var d = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (Channel is { } c)
        {
            d["channel"] = c.ToString();
        }

        Add(d, "queue", Queue);
        Add(d, "team", Team);
        Add(d, "region", Region);
        return d;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var d = ToDimensions();
        return d.Count == 0 ? "all" : string.Join(',', d.Select(p => $"{p.Key}={p.Value}"));
    }

    private static bool Same(string? wanted, string actual) =>
        wanted is null || string.Equals(wanted, actual, StringComparison.OrdinalIgnoreCase);

    private static void Add(SortedDictionary<string, string> d, string key, string? value)
    {
        if (value is not null)
        {
            d[key] = value;
        }
    }
}
