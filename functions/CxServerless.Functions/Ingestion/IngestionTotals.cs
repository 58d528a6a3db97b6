using Azure.Data.Tables;

namespace CxServerless.Functions.Ingestion;

/// <summary>
/// Ingestion counters. <c>received = stored + quarantined + duplicates</c> holds for every instance built by the
/// handler, in total and per source; <c>late</c> counts the stored events that arrived late.
/// </summary>
public sealed class IngestionTotals
{
    /// <summary>The highest sequence number already counted for the partition this row belongs to (-1 for none).</summary>
    public long LastSequence { get; set; } = -1;

    /// <summary>The counters over all sources.</summary>
    public SourceTotals All { get; } = new();

    /// <summary>The counters per source system.</summary>
    public SortedDictionary<string, SourceTotals> BySource { get; } = new(StringComparer.Ordinal);

    /// <summary>The counters of one source, created on first use.</summary>
    public SourceTotals Source(string sourceSystem)
    {
        if (!BySource.TryGetValue(sourceSystem, out var totals))
        {
            totals = new SourceTotals();
            BySource[sourceSystem] = totals;
        }

        return totals;
    }

    /// <summary>Counts one event for its source and for the total.</summary>
    public void Count(string sourceSystem, Action<SourceTotals> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        update(All);
        update(Source(sourceSystem));
    }

    /// <summary>Adds another set of counters to this one (the last sequence becomes the larger of the two).</summary>
    public void Add(IngestionTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        LastSequence = Math.Max(LastSequence, other.LastSequence);
        All.Add(other.All);
        foreach (var (source, totals) in other.BySource)
        {
            Source(source).Add(totals);
        }
    }

    /// <summary>Writes the counters into a table row (only non-zero values; names per docs/events.md).</summary>
    public TableEntity ToEntity(string partitionKey, string rowKey)
    {
        var entity = new TableEntity(partitionKey, rowKey) { ["LastSequence"] = LastSequence };
        All.WriteTo(entity, string.Empty);
        foreach (var (source, totals) in BySource)
        {
            totals.WriteTo(entity, $"S__{Encode(source)}__");
        }

        return entity;
    }

    /// <summary>Reads counters back from a table row.</summary>
    public static IngestionTotals FromEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var totals = new IngestionTotals { LastSequence = entity.GetInt64("LastSequence") ?? -1 };
        foreach (var (name, value) in entity)
        {
            if (name.StartsWith("S__", StringComparison.Ordinal))
            {
                var end = name.IndexOf("__", 3, StringComparison.Ordinal);
                if (end > 3)
                {
                    totals.Source(Decode(name[3..end])).ReadFrom(name[(end + 2)..], value);
                }
            }
            else
            {
                totals.All.ReadFrom(name, value);
            }
        }

        return totals;
    }

    /// <summary>The body of <c>GET /api/ops/ingestion</c>, with the number of partition rows read.</summary>
    public IngestionTotalsResponse ToResponse(int partitions)
    {
        var all = All.ToResponse();
        var bySource = new SortedDictionary<string, SourceTotalsResponse>(StringComparer.Ordinal);
        foreach (var (source, totals) in BySource)
        {
            bySource[source] = totals.ToResponse();
        }

        return new IngestionTotalsResponse(
            all.Received,
            all.Stored,
            all.Quarantined,
            all.QuarantinedTotal,
            all.Duplicates,
            all.Late,
            all.SkewSeconds,
            bySource,
            partitions);
    }

    private static string Encode(string source) => source.Replace('-', '_');

    private static string Decode(string name) => name.Replace('_', '-');
}
