using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CxServerless.Domain.Feedback;

namespace CxServerless.Workflows.Feedback;

/// <summary>
/// The <c>FeedbackReport</c> table: the reporting form of the loops, partitioned by the UTC day each loop opened
/// (<c>r-yyyyMMdd</c>), one row per loop (row key = the loop id) holding facts only: team, topic, stage, outcome, SLA,
/// times, before and after scores and their deltas; never the pseudonym or an event id. The feedback KPIs read a window
/// as one partition-key range, never the <c>FeedbackLoops</c> table (partitioned by customer).
/// </summary>
/// <remarks>
/// Written after the loop's own row at every step, from the same record, with an upsert: a retried step writes the same
/// row again. An erasure deletes the customer's <c>FeedbackLoops</c> partition and leaves these rows: keyed by a random
/// loop id, with no pseudonym and no event id, they identify no one, so the KPIs still add up afterwards. Retention walks
/// the partition keys of the days before the cutoff day.
/// </remarks>
public sealed class FeedbackReportStore(TableClient table)
{
    /// <summary>The table's default name (setting <c>CxFeedbackReportTable</c>).</summary>
    public const string DefaultTableName = "FeedbackReport";

    /// <summary>The prefix of every partition key.</summary>
    public const string PartitionPrefix = "r-";

    // The loop row's columns that are facts about the loop and nobody else; everything else stays out.
    private static readonly string[] Facts =
    [
        "Reasons", "Topic", "RulesVersion", "Status", "Outcome", "Team", "SlaBreached", "OpenedAt", "AcknowledgedAt",
        "ResolvedAt", "FollowUpRequestedAt", "ClosedAt", "AcknowledgeSeconds", "ResolveSeconds", "CloseSeconds", "Attached",
        "BeforeCsat", "BeforeNps", "BeforeCes", "BeforeSentiment", "AfterCsat", "AfterNps", "AfterCes", "AfterSentiment",
        "CsatDelta", "NpsDelta", "SentimentDelta", "RecoveredDetractor",
    ];

    private volatile bool _created;

    /// <summary>Gets the table.</summary>
    public TableClient Table => table;

    /// <summary>The partition of the loops opened on <paramref name="openedAt"/>'s UTC day.</summary>
    /// <param name="openedAt">When a loop opened.</param>
    /// <returns><c>r-yyyyMMdd</c>.</returns>
    public static string PartitionFor(DateTimeOffset openedAt) =>
        PartitionPrefix + openedAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Builds a loop's reporting row: its facts, without the pseudonym or event ids.</summary>
    /// <param name="loop">The loop as it is now.</param>
    /// <returns>The entity.</returns>
    public static TableEntity ToEntity(FeedbackLoopRecord loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        var all = loop.ToEntity();
        var row = new TableEntity(PartitionFor(loop.OpenedAt), loop.LoopId);
        foreach (var column in Facts)
        {
            row[column] = all.TryGetValue(column, out var value) ? value : null;
        }

        return row;
    }

    /// <summary>Reads the facts the KPIs need from a reporting row.</summary>
    /// <param name="e">The entity.</param>
    /// <returns>The facts.</returns>
    public static FeedbackLoopFacts FromEntity(TableEntity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new FeedbackLoopFacts(
            e.RowKey,
            e.GetString("Team"),
            e.GetString("Topic") ?? string.Empty,
            e.GetDateTimeOffset("OpenedAt") ?? DateTimeOffset.MinValue,
            TaskEnded: e.GetDateTimeOffset("ResolvedAt") is not null,
            Dismissed: e.GetString("Outcome") == FeedbackLoopStages.Dismissed,
            SlaBreached: e.GetBoolean("SlaBreached") ?? false,
            e.GetInt32("BeforeCsat"),
            e.GetInt32("BeforeNps"),
            e.GetDouble("BeforeSentiment"),
            e.GetInt32("AfterCsat"),
            e.GetInt32("AfterNps"),
            e.GetDouble("AfterSentiment"));
    }

    /// <summary>Creates the table when missing.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }
    }

    /// <summary>Writes (or rewrites) a loop's reporting row.</summary>
    /// <param name="loop">The loop as it is now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task SaveAsync(FeedbackLoopRecord loop, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        await table.UpsertEntityAsync(ToEntity(loop), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// The loops opened in (<paramref name="from"/>, <paramref name="to"/>]: one query over the day partitions from the
    /// start's day to the end's day, filtered on <c>OpenedAt</c>.
    /// </summary>
    /// <param name="from">The window's start (excluded).</param>
    /// <param name="to">The window's end (included).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The loops' facts; none when the table does not exist yet.</returns>
    public async Task<IReadOnlyList<FeedbackLoopFacts>> ListOpenedAsync(
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {PartitionFor(from)} and PartitionKey le {PartitionFor(to)} and OpenedAt gt {from} and OpenedAt le {to}");
        var loops = new List<FeedbackLoopFacts>();
        try
        {
            await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                loops.Add(FromEntity(e));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No loop was ever recorded: the table is made on the first write.
        }

        return loops;
    }
}
