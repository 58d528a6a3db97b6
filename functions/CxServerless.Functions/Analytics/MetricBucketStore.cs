using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CxServerless.Functions.Storage;

namespace CxServerless.Functions.Analytics;

/// <summary>
/// The MetricBuckets table. One row per event minute and source partition: PartitionKey <c>m{minute:D12}</c> (so a
/// time range is a partition-key range), RowKey the source partition, the aggregates as Brotli-compressed binary
/// split over properties of at most 64 KiB. Clock rows live in the same table under PartitionKey <c>clock</c>.
/// Only the owner of a source partition writes its rows, with ETags, so a second owner fails instead of corrupting.
/// </summary>
public sealed class MetricBucketStore(TableClient table)
{
    private const int ChunkBytes = 60 * 1024;
    private const int MaxChunks = 15;
    private volatile bool _created;

    /// <summary>The table.</summary>
    public TableClient Table => table;

    /// <summary>The partition key of a minute's rows.</summary>
    public static string MinuteKey(long minute) => "m" + minute.ToString("D12", CultureInfo.InvariantCulture);

    /// <summary>Creates the table when missing.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }
    }

    /// <summary>Reads one minute row of one partition; an empty row with no ETag when it is not stored.</summary>
    public async Task<(MinuteRow Row, ETag? ETag)> ReadAsync(string partition, long minute, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(MinuteKey(minute), partition, cancellationToken: cancellationToken);
        return response.HasValue ? (FromEntity(response.Value!), response.Value!.ETag) : (new MinuteRow(partition, minute), null);
    }

    /// <summary>Stores a row: inserts when <paramref name="etag"/> is null, else replaces it if unchanged. Returns the new ETag.</summary>
    /// <exception cref="RequestFailedException">412 or 409: another writer changed the row.</exception>
    public async Task<ETag> WriteAsync(MinuteRow row, ETag? etag, CancellationToken cancellationToken)
    {
        var entity = ToEntity(row);
        TableRules.ValidateEntity(entity);
        var response = etag is { } match
            ? await table.UpdateEntityAsync(entity, match, TableUpdateMode.Replace, cancellationToken)
            : await table.AddEntityAsync(entity, cancellationToken);
        return response.Headers.ETag ?? throw new InvalidOperationException("Table storage answered without an ETag.");
    }

    /// <summary>
    /// Every minute row with a minute in [<paramref name="fromMinute"/>, <paramref name="toMinute"/>], optionally of one partition.
    /// </summary>
    public async IAsyncEnumerable<MinuteRow> QueryAsync(
        long fromMinute,
        long toMinute,
        string? partition,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = partition is null
            ? TableClient.CreateQueryFilter($"PartitionKey ge {MinuteKey(fromMinute)} and PartitionKey le {MinuteKey(toMinute)}")
            : TableClient.CreateQueryFilter(
                $"PartitionKey ge {MinuteKey(fromMinute)} and PartitionKey le {MinuteKey(toMinute)} and RowKey eq {partition}");
        StorageReads.Add();
        await foreach (var page in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).AsPages())
        {
            foreach (var entity in page.Values)
            {
                yield return FromEntity(entity);
            }

            if (page.ContinuationToken is not null)
            {
                StorageReads.Add();
            }
        }
    }

    /// <summary>The clock row of one partition, or its empty state.</summary>
    public async Task<ClockRow> ReadClockAsync(string partition, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(
            ClockRow.PartitionKey, partition, cancellationToken: cancellationToken);
        return response.HasValue ? ClockRow.FromEntity(response.Value!) : ClockRow.Empty(partition);
    }

    /// <summary>Every partition's clock row.</summary>
    public async Task<IReadOnlyList<ClockRow>> ReadClocksAsync(CancellationToken cancellationToken)
    {
        StorageReads.Add();
        var clocks = new List<ClockRow>();
        await foreach (var entity in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == ClockRow.PartitionKey, cancellationToken: cancellationToken))
        {
            clocks.Add(ClockRow.FromEntity(entity));
        }

        return clocks;
    }

    /// <summary>Stores a clock row guarded by its ETag; returns the row with its new ETag.</summary>
    /// <exception cref="RequestFailedException">412 or 409: another writer changed the row.</exception>
    public async Task<ClockRow> WriteClockAsync(ClockRow clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var entity = clock.ToEntity();
        TableRules.ValidateEntity(entity);
        var response = clock.ETag is { } match
            ? await table.UpdateEntityAsync(entity, match, TableUpdateMode.Replace, cancellationToken)
            : await table.AddEntityAsync(entity, cancellationToken);
        return clock with { ETag = response.Headers.ETag };
    }

    /// <summary>The row as stored.</summary>
    public static TableEntity ToEntity(MinuteRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var data = MinuteRowCodec.Encode(row);
        var chunks = (data.Length + ChunkBytes - 1) / ChunkBytes;
        if (chunks > MaxChunks)
        {
            throw new InvalidOperationException(
                $"Minute {row.Minute} of partition {row.Partition} holds {data.Length} bytes of aggregates, "
                + "more than one table row can carry.");
        }

        var entity = new TableEntity(MinuteKey(row.Minute), row.Partition)
        {
            ["AppliedThrough"] = row.AppliedThrough,
            ["Aggregates"] = row.Aggregates.Count,
            ["Chunks"] = chunks,
        };
        for (var i = 0; i < chunks; i++)
        {
            var start = i * ChunkBytes;
            entity["D" + i.ToString(CultureInfo.InvariantCulture)] =
                data.AsSpan(start, Math.Min(ChunkBytes, data.Length - start)).ToArray();
        }

        return entity;
    }

    /// <summary>Reads a stored row.</summary>
    /// <exception cref="InvalidDataException">The row is not a minute row this code can read.</exception>
    public static MinuteRow FromEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.PartitionKey.Length != 13 || entity.PartitionKey[0] != 'm'
            || !long.TryParse(entity.PartitionKey.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var minute))
        {
            throw new InvalidDataException($"'{entity.PartitionKey}' is not a minute row key.");
        }

        var row = new MinuteRow(entity.RowKey, minute) { AppliedThrough = entity.GetInt64("AppliedThrough") ?? -1 };
        var chunks = entity.GetInt32("Chunks") ?? 0;
        using var data = new MemoryStream();
        for (var i = 0; i < chunks; i++)
        {
            var chunk = entity.GetBinary("D" + i.ToString(CultureInfo.InvariantCulture))
                ?? throw new InvalidDataException($"Minute row {entity.PartitionKey}/{entity.RowKey} misses chunk {i}.");
            data.Write(chunk);
        }

        if (chunks > 0)
        {
            MinuteRowCodec.DecodeInto(data.ToArray(), row);
        }

        return row;
    }
}
