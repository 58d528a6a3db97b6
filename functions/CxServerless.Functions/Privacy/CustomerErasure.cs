using Azure;
using Azure.Data.Tables;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Audit;
using CxServerless.Functions.Feedback;
using CxServerless.Functions.Ingestion;
using CxServerless.Functions.Interventions;
using CxServerless.Functions.Retention;
using CxServerless.Workflows.Privacy;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Privacy;

/// <summary>
/// Erases one customer from the app's tables for <see cref="ErasureOrchestrator"/>: the events that carry the pseudonym
/// (found through the <see cref="CustomerIndexStore"/>), the index rows of every pseudonym those events carried, and the
/// customer's closed feedback loops with their workflow instances (<see cref="FeedbackErasure"/>), the Interventions rows
/// that name the customer (<see cref="InterventionErasure"/>), and the customer's first-contact-resolution state
/// (<see cref="FirstContactStore"/>: contact starts, and contacts due to settle).
/// Aggregates (KPI buckets, counters) identify no one and stay, so the KPIs still add up.
/// </summary>
public sealed partial class CustomerErasure(
    ErasureRequestStore requests,
    CustomerIndexStore index,
    IngestionStore events,
    LegalHoldStore holds,
    FeedbackErasure feedback,
    InterventionErasure interventions,
    AuditLog audit,
    IOptions<RetentionOptions> retention,
    TimeProvider time,
    ILogger<CustomerErasure> logger,
    FirstContactStore? firstContacts = null,
    RuleSet? rules = null) : ICustomerErasure
{
    /// <summary>Days after today that event times may reach (clock skew the pipeline accepts, with a margin).</summary>
    private const int FutureDays = 2;

    /// <inheritdoc />
    public async Task<ErasureStart> BeginAsync(string requestId, CancellationToken cancellationToken)
    {
        var found = await requests.GetAsync(requestId, cancellationToken);
        if (found is not { Subject: { } subject } current || ErasureStatuses.IsFinal(current.Request.Status))
        {
            return new ErasureStart(false, false);
        }

        var held = (await holds.SnapshotAsync(cancellationToken)).Customers.Contains(subject);
        if (current.Request.Status == ErasureStatuses.Pending)
        {
            // A lost race means another attempt marked it first; either way it is running now.
            await requests.TryMarkRunningAsync(requestId, current.ETag, time.GetUtcNow(), cancellationToken);
        }

        return new ErasureStart(true, held);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ErasureItem>> EraseAsync(string requestId, CancellationToken cancellationToken)
    {
        var found = await requests.GetAsync(requestId, cancellationToken);
        if (found is not { Subject: { } subject })
        {
            return [];
        }

        var cases = (await holds.SnapshotAsync(cancellationToken)).Cases;
        var indexRows = await index.FindAsync(subject, Days(), cancellationToken);
        var deleteEvents = new List<(string Partition, string Row)>();
        var deleteIndex = new HashSet<(string Partition, string Row)>();
        var linked = new HashSet<string>(StringComparer.Ordinal);
        var dueRows = new List<(string PartitionKey, string RowKey)>();
        long held = 0;
        foreach (var indexRow in indexRows)
        {
            if (CustomerIndexStore.Parse(indexRow.RowKey) is not var (_, eventPartition, eventRow))
            {
                continue;
            }

            var stored = await ReadEventAsync(eventPartition, eventRow, cancellationToken);
            if (stored is null)
            {
                deleteIndex.Add((indexRow.PartitionKey, indexRow.RowKey)); // the event went already (retention, an earlier run)
                continue;
            }

            if (stored.ConversationId is { } conversation && cases.Contains(conversation))
            {
                held++; // a case hold keeps the event, and its index row so that a later request still finds it
                continue;
            }

            deleteEvents.Add((eventPartition, eventRow));
            if (rules is not null && stored.Type == Domain.Events.CxEventType.ContactEnded)
            {
                dueRows.Add(FirstContactStore.DueKey(stored.EventId, stored.EventTime, rules.Kpis.FirstContactResolutionWindow));
            }

            foreach (var pseudonym in CustomerIndexStore.PseudonymsOf(stored))
            {
                deleteIndex.Add((index.PartitionKey(CustomerIndexStore.DayOf(eventPartition), pseudonym),
                    CustomerIndexStore.RowKey(pseudonym, eventPartition, eventRow)));
                if (!string.Equals(pseudonym, subject, StringComparison.Ordinal))
                {
                    linked.Add(pseudonym);
                }
            }
        }

        var eventsDeleted = await TableSweep.DeleteRowsAsync(events.Events, deleteEvents, cancellationToken);
        var indexDeleted = await TableSweep.DeleteRowsAsync(index.Table, deleteIndex, cancellationToken);
        var loops = await feedback.EraseAsync(subject, cancellationToken);
        var interventionRows = await interventions.EraseAsync(subject, cancellationToken);
        var today = time.GetUtcNow();
        var contacts = firstContacts is null ? 0 : await firstContacts.EraseAsync(
            subject, today.AddDays(-retention.Value.FirstContactsDays - 7), today.AddDays(FutureDays), dueRows, cancellationToken);
        LogErased(logger, requestId, eventsDeleted, indexDeleted);
        return
        [
            .. ErasureReceipt.Lines(eventsDeleted, held, linked.Count, indexDeleted, loops, interventionRows),
            ErasureReceipt.FirstContacts(contacts),
        ];
    }

    /// <inheritdoc />
    public async Task CompleteAsync(ErasureCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var found = await requests.GetAsync(completion.RequestId, cancellationToken);
        if (found is not { } current || ErasureStatuses.IsFinal(current.Request.Status))
        {
            return; // a repeated completion: the receipt is written already
        }

        var now = time.GetUtcNow();
        var done = current.Request with
        {
            Status = completion.Status,
            StartedAt = current.Request.StartedAt ?? now,
            CompletedAt = now,
            Receipt = completion.Items,
        };
        await requests.CompleteAsync(done, cancellationToken);
        var deleted = completion.Items.Where(i => i.Action == ErasureReceipt.Deleted).Sum(i => i.Count);
        await audit.WriteSystemAsync(
            nameof(ErasureOrchestrator), "privacy.erasure", completion.RequestId,
            $"{completion.Status}: {deleted} rows deleted", cancellationToken);
    }

    private async Task<Domain.Events.CxEvent?> ReadEventAsync(string partition, string row, CancellationToken cancellationToken)
    {
        try
        {
            var response = await events.Events.GetEntityIfExistsAsync<TableEntity>(
                partition, row, select: ["Json"], cancellationToken: cancellationToken);
            return response.HasValue ? EventEntities.ToEvent(response.Value!) : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null; // no events table
        }
    }

    // Every day an event of the customer can still be stored on: the raw-event limit back, a little skew forward.
    private IEnumerable<string> Days()
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        for (var day = today.AddDays(-retention.Value.RawEventsDays - 1); day <= today.AddDays(FutureDays); day = day.AddDays(1))
        {
            yield return day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information,
        Message = "Erasure {RequestId}: {Events} event rows and {IndexRows} index rows deleted")]
    private static partial void LogErased(ILogger logger, string requestId, long events, long indexRows);
}
