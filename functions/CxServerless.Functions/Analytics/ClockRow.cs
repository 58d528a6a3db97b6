using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CxServerless.Domain.Analytics.EventTime;

namespace CxServerless.Functions.Analytics;

/// <summary>
/// The stored state of one source partition's analytics: its event-time clock (for the watermark), the sequence number
/// the clock and counters include, the count of events later than the allowed lateness, and the backlog level of each
/// slice through a final minute (the opening level the read side needs for the backlog gauge).
/// </summary>
public sealed record ClockRow
{
    /// <summary>The table partition that holds every clock row.</summary>
    public const string PartitionKey = "clock";

    /// <summary>The source partition's key.</summary>
    public required string Partition { get; init; }

    /// <summary>The partition's clock.</summary>
    public required PartitionClock Clock { get; init; }

    /// <summary>The highest sequence number whose events the clock, <see cref="TooLate"/> and levels include; −1 for none.</summary>
    public long AppliedThrough { get; init; } = -1;

    /// <summary>Events of this partition later than the allowed lateness, so far.</summary>
    public long TooLate { get; init; }

    /// <summary>The minute through which <see cref="BacklogLevels"/> are folded (every minute at or before it is final).</summary>
    public long LevelsThrough { get; init; }

    /// <summary>The backlog level per slice text after minute <see cref="LevelsThrough"/>.</summary>
    public IReadOnlyDictionary<string, double> BacklogLevels { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>The last minute whose first-contact outcomes are settled (0: none yet; <see cref="FirstContactStore"/>).</summary>
    public long FirstContactThrough { get; init; }

    /// <summary>The ETag of the stored row; null before it is first stored.</summary>
    public ETag? ETag { get; init; }

    /// <summary>The empty state of a partition never seen.</summary>
    public static ClockRow Empty(string partition) => new() { Partition = partition, Clock = PartitionClock.Empty(partition) };

    /// <summary>Reads a stored row.</summary>
    public static ClockRow FromEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var levels = entity.GetString("BacklogLevels") is { Length: > 0 } json
            ? JsonSerializer.Deserialize<Dictionary<string, double>>(json) ?? []
            : [];
        return new ClockRow
        {
            Partition = entity.RowKey,
            Clock = new PartitionClock(entity.RowKey,
                entity.GetDateTimeOffset("MaxEventTime") ?? DateTimeOffset.MinValue,
                entity.GetDateTimeOffset("LastArrival") ?? DateTimeOffset.MinValue),
            AppliedThrough = entity.GetInt64("AppliedThrough") ?? -1,
            TooLate = entity.GetInt64("TooLate") ?? 0,
            LevelsThrough = entity.GetInt64("LevelsThrough") ?? 0,
            FirstContactThrough = entity.GetInt64("FirstContactThrough") ?? 0,
            BacklogLevels = new Dictionary<string, double>(levels, StringComparer.Ordinal),
            ETag = entity.ETag,
        };
    }

    /// <summary>The row to store.</summary>
    public TableEntity ToEntity() => new(PartitionKey, Partition)
    {
        // Table storage keeps dates from 1601 on: an empty clock is stored without its dates.
        ["MaxEventTime"] = Clock.IsEmpty ? null : Clock.MaxEventTime,
        ["LastArrival"] = Clock.LastArrival == DateTimeOffset.MinValue ? null : Clock.LastArrival,
        ["AppliedThrough"] = AppliedThrough,
        ["TooLate"] = TooLate,
        ["LevelsThrough"] = LevelsThrough,
        ["FirstContactThrough"] = FirstContactThrough,
        ["BacklogLevels"] = JsonSerializer.Serialize(BacklogLevels),
    };
}
