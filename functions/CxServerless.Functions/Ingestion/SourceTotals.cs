using Azure.Data.Tables;
using CxServerless.Domain.Ingestion;

namespace CxServerless.Functions.Ingestion;

/// <summary>The counters of one source (or of all sources).</summary>
public sealed class SourceTotals
{
    /// <summary>Distinct deliveries counted.</summary>
    public long Received { get; set; }

    /// <summary>Events stored.</summary>
    public long Stored { get; set; }

    /// <summary>Events that repeated an already stored event (same producer id, or same partition and sequence).</summary>
    public long Duplicates { get; set; }

    /// <summary>Stored events that arrived later than the lateness threshold.</summary>
    public long Late { get; set; }

    /// <summary>The sum of ingest-minus-event-time skews of stored events, in seconds.</summary>
    public double SkewSecondsSum { get; set; }

    /// <summary>The largest skew of a stored event, in seconds.</summary>
    public double SkewSecondsMax { get; set; }

    /// <summary>Quarantined events by reason code.</summary>
    public SortedDictionary<string, long> Quarantined { get; } = new(StringComparer.Ordinal);

    /// <summary>All quarantined events.</summary>
    public long QuarantinedTotal => Quarantined.Values.Sum();

    /// <summary>Counts a quarantined event.</summary>
    public void Quarantine(QuarantineReason reason) => Quarantined[reason.Code()] = Quarantined.GetValueOrDefault(reason.Code()) + 1;

    /// <summary>Counts a stored event with its skew.</summary>
    public void Store(double skewSeconds, bool late)
    {
        Stored++;
        SkewSecondsSum += skewSeconds;
        SkewSecondsMax = Stored == 1 ? skewSeconds : Math.Max(SkewSecondsMax, skewSeconds);
        if (late)
        {
            Late++;
        }
    }

    /// <summary>Adds another source's counters.</summary>
    public void Add(SourceTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var hadStored = Stored > 0;
        Received += other.Received;
        Stored += other.Stored;
        Duplicates += other.Duplicates;
        Late += other.Late;
        SkewSecondsSum += other.SkewSecondsSum;
        SkewSecondsMax = !hadStored
            ? other.SkewSecondsMax
            : other.Stored > 0 ? Math.Max(SkewSecondsMax, other.SkewSecondsMax) : SkewSecondsMax;
        foreach (var (reason, count) in other.Quarantined)
        {
            Quarantined[reason] = Quarantined.GetValueOrDefault(reason) + count;
        }
    }

    internal void WriteTo(TableEntity entity, string prefix)
    {
        Put(entity, prefix + "Received", Received);
        Put(entity, prefix + "Stored", Stored);
        Put(entity, prefix + "Duplicates", Duplicates);
        Put(entity, prefix + "Late", Late);
        if (Stored > 0)
        {
            entity[prefix + "SkewSum"] = SkewSecondsSum;
            entity[prefix + "SkewMax"] = SkewSecondsMax;
        }

        foreach (var (reason, count) in Quarantined)
        {
            Put(entity, prefix + "Q__" + reason.Replace('-', '_'), count);
        }
    }

    internal void ReadFrom(string name, object? value)
    {
        var number = value switch
        {
            long l => l,
            int i => i,
            double d => d,
            _ => (double?)null,
        };
        if (number is not { } n)
        {
            return;
        }

        switch (name)
        {
            case "Received": Received = (long)n; break;
            case "Stored": Stored = (long)n; break;
            case "Duplicates": Duplicates = (long)n; break;
            case "Late": Late = (long)n; break;
            case "SkewSum": SkewSecondsSum = n; break;
            case "SkewMax": SkewSecondsMax = n; break;
            default:
                if (name.StartsWith("Q__", StringComparison.Ordinal))
                {
                    Quarantined[name[3..].Replace('_', '-')] = (long)n;
                }

                break;
        }
    }

    internal SourceTotalsResponse ToResponse() => new(
        Received,
        Stored,
        new SortedDictionary<string, long>(Quarantined, StringComparer.Ordinal),
        QuarantinedTotal,
        Duplicates,
        Late,
        Stored == 0 ? null : new SkewSecondsResponse(Math.Round(SkewSecondsSum / Stored, 3), Math.Round(SkewSecondsMax, 3)));

    private static void Put(TableEntity entity, string name, long value)
    {
        if (value != 0)
        {
            entity[name] = value;
        }
    }
}
