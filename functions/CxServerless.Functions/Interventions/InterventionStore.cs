using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CxServerless.Domain.Interventions;

namespace CxServerless.Functions.Interventions;

/// <summary>
/// The Interventions table. One table, several partition families, each row with an <c>At</c> column (retention) and a
/// <c>CustomerKey</c> column where it refers to a customer (erasure):
/// <list type="bullet">
/// <item><c>yyyyMMddHH</c> (UTC hour of the decision): the listed interventions, RowKey <c>{decision time}-{id}</c>;</item>
/// <item><c>cap-{kind}-{period start}</c>: the cap counters (<c>customer-{pseudonym}</c>, <c>team-{hash}</c>) and one
/// <c>claim-{id}</c> row per decided intervention, written together in one entity-group transaction;</item>
/// <item><c>wait</c>: contacts queued and not yet answered; <c>ended</c>: chats whose end was seen;
/// <c>msg</c>: live chat messages waiting for their sentiment score; <c>contact-{pseudonym}</c>: a customer's latest
/// contact per topic.</item>
/// </list>
/// Listing partitions start with a digit and every other family with a letter, so an hour range never reads state.
/// </summary>
public sealed class InterventionStore(TableClient table)
{
    private const string WaitPartition = "wait";
    private const string EndedPartition = "ended";
    private const string MessagePartition = "msg";
    private const int MaxClaimAttempts = 50;
    private volatile bool _ensured;

    /// <summary>The table.</summary>
    public TableClient Table => table;

    /// <summary>Creates the table when missing.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (!_ensured)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _ensured = true;
        }
    }

    /// <summary>The listing partition of a decision time.</summary>
    /// <param name="at">The decision time.</param>
    /// <returns>The partition key.</returns>
    public static string HourPartition(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    /// <summary>
    /// Decides an intervention under its caps, once: the first call counts it against the customer's and the team's
    /// counters (when under both caps) and stores the decision in a claim row, all in one transaction guarded by the
    /// counters' ETags, so two instances can never both take the last unit of a cap. Later calls return the stored decision.
    /// </summary>
    /// <param name="candidate">The intervention.</param>
    /// <param name="cap">The kind's caps.</param>
    /// <param name="now">The decision time (the cap period is the one it falls in).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome, the decision time, and whether its effects were already emitted.</returns>
    public async Task<(string Outcome, DateTimeOffset At, bool Emitted)> ClaimAsync(
        InterventionCandidate candidate, FrequencyCap cap, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(cap);
        await EnsureAsync(cancellationToken);
        var partition = CapPartition(candidate.Kind, cap.PeriodStart(now));
        var claimKey = "claim-" + candidate.Id;
        for (var attempt = 0; attempt < MaxClaimAttempts; attempt++)
        {
            if (await GetAsync(partition, claimKey, cancellationToken) is { } claim)
            {
                return (claim.GetString("Outcome")!, claim.GetDateTimeOffset("At")!.Value, claim.GetBoolean("Emitted") ?? false);
            }

            var customer = candidate.CustomerKey is { Length: > 0 } key
                ? await GetAsync(partition, "customer-" + key, cancellationToken)
                : null;
            var teamKey = "team-" + InterventionCandidate.StorageKey(candidate.CapTeam);
            var team = await GetAsync(partition, teamKey, cancellationToken);
            var outcome = cap.Decide(Count(customer), Count(team));
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.Add, new TableEntity(partition, claimKey)
                {
                    ["Outcome"] = outcome, ["At"] = now, ["Emitted"] = false, ["CustomerKey"] = candidate.CustomerKey,
                }),
            };
            if (outcome == InterventionOutcomes.Sent)
            {
                if (candidate.CustomerKey is { Length: > 0 } pseudonym)
                {
                    actions.Add(Increment(customer, partition, "customer-" + pseudonym, now, pseudonym));
                }

                actions.Add(Increment(team, partition, teamKey, now, null));
            }

            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return (outcome, now, false);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another instance decided this intervention or took a unit of a cap meanwhile: read again.
            }
        }

        throw new InvalidOperationException(
            $"Intervention {candidate.Id}: the cap counters stayed contended for {MaxClaimAttempts} attempts.");
    }

    /// <summary>Marks a decided intervention's effects as emitted, so a redelivery sends nothing twice.</summary>
    /// <param name="candidate">The intervention.</param>
    /// <param name="cap">The kind's caps.</param>
    /// <param name="at">Its decision time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task MarkEmittedAsync(
        InterventionCandidate candidate, FrequencyCap cap, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(cap);
        var patch = new TableEntity(CapPartition(candidate.Kind, cap.PeriodStart(at)), "claim-" + candidate.Id) { ["Emitted"] = true };
        await table.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Stores (or stores again, unchanged) the listed row of a decided intervention.</summary>
    /// <param name="record">The intervention.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task UpsertAsync(InterventionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await EnsureAsync(cancellationToken);
        var row = new TableEntity(HourPartition(record.At), RowKeyOf(record.At, record.Id))
        {
            ["Id"] = record.Id,
            ["Kind"] = record.Kind,
            ["Outcome"] = record.Outcome,
            ["RulesVersion"] = record.RulesVersion,
            ["ConversationId"] = record.ConversationId,
            ["CustomerKey"] = record.CustomerKey,
            ["Team"] = record.Team,
            ["Queue"] = record.Queue,
            ["EventTime"] = record.EventTime,
            ["At"] = record.At,
            ["Detail"] = record.Detail,
            ["Recipients"] = string.Join(',', record.Recipients),
        };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Reads one page of listed interventions that match a filter (<see cref="InterventionQuery.Filter"/>).</summary>
    /// <param name="filter">The OData filter (hour range, time range and optional kind and team).</param>
    /// <param name="top">The page size.</param>
    /// <param name="continuation">The storage continuation of the previous page, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rows and the next continuation, or null at the end.</returns>
    public async Task<(IReadOnlyList<InterventionRecord> Items, string? Next)> PageAsync(
        string filter, int top, string? continuation, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        await foreach (var page in table.QueryAsync<TableEntity>(filter, top, cancellationToken: cancellationToken)
            .AsPages(continuation, top))
        {
            return ([.. page.Values.Select(ToRecord)], page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>Counts the listed interventions of a filter by kind and outcome.</summary>
    /// <param name="filter">The OData filter.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Counts keyed by (kind, outcome).</returns>
    public async Task<IReadOnlyDictionary<(string Kind, string Outcome), long>> CountAsync(
        string filter, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var counts = new Dictionary<(string, string), long>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["Kind", "Outcome"], cancellationToken: cancellationToken))
        {
            var key = (row.GetString("Kind") ?? string.Empty, row.GetString("Outcome") ?? string.Empty);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }

    /// <summary>Records a queued contact's wait (again: a later queueing of the same contact replaces it).</summary>
    /// <param name="wait">The contact, as a candidate whose event time is when it was queued.</param>
    /// <param name="now">The time of writing.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task RecordWaitAsync(InterventionCandidate wait, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wait);
        await EnsureAsync(cancellationToken);
        var row = Situation(WaitPartition, InterventionCandidate.StorageKey(wait.ConversationId), wait, now);
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Forgets a contact's wait (answered, abandoned, ended, or decided).</summary>
    /// <param name="conversationId">The contact.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task CloseWaitAsync(string conversationId, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        await DeleteIfExistsAsync(WaitPartition, InterventionCandidate.StorageKey(conversationId), cancellationToken);
    }

    /// <summary>The waits queued at or before <paramref name="queuedBy"/>, oldest first.</summary>
    /// <param name="queuedBy">The latest queue time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The waits, as candidates of a callback offer.</returns>
    public async Task<IReadOnlyList<InterventionCandidate>> WaitsQueuedByAsync(DateTimeOffset queuedBy, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {WaitPartition} and EventTime le {queuedBy}");
        var list = new List<InterventionCandidate>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(ToSituation(row, InterventionKinds.CallbackOffer));
        }

        return [.. list.OrderBy(w => w.EventTime)];
    }

    /// <summary>Records that a chat ended: its messages no longer count as live.</summary>
    /// <param name="conversationId">The chat.</param>
    /// <param name="now">The time of writing.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task MarkEndedAsync(string conversationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var row = new TableEntity(EndedPartition, InterventionCandidate.StorageKey(conversationId)) { ["At"] = now };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Whether a chat's end has been seen.</summary>
    /// <param name="conversationId">The chat.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when it ended.</returns>
    public async Task<bool> HasEndedAsync(string conversationId, CancellationToken cancellationToken) =>
        await GetAsync(EndedPartition, InterventionCandidate.StorageKey(conversationId), cancellationToken) is not null;

    /// <summary>Records a live chat message that waits for its sentiment score, under the score's event key.</summary>
    /// <param name="eventKey">The event key the sentiment pipeline scores it under.</param>
    /// <param name="message">The message's conversation, customer, team and time (kind <c>sentimentAlert</c>).</param>
    /// <param name="now">The time of writing.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task RecordMessageAsync(
        string eventKey, InterventionCandidate message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        await table.UpsertEntityAsync(Situation(MessagePartition, eventKey, message, now), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The live chat message recorded under an event key, or null when the event was none.</summary>
    /// <param name="eventKey">The sentiment pipeline's event key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The message as a sentiment-alert candidate, or null.</returns>
    public async Task<InterventionCandidate?> GetMessageAsync(string eventKey, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        return await GetAsync(MessagePartition, eventKey, cancellationToken) is { } row
            ? ToSituation(row, InterventionKinds.SentimentAlert)
            : null;
    }

    /// <summary>Forgets a chat message once its score is judged.</summary>
    /// <param name="eventKey">The event key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task ForgetMessageAsync(string eventKey, CancellationToken cancellationToken) =>
        DeleteIfExistsAsync(MessagePartition, eventKey, cancellationToken);

    /// <summary>The customer's latest contact on a topic, or null.</summary>
    /// <param name="customerKey">The pseudonym.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The contact's conversation and start, or null.</returns>
    public async Task<(string ConversationId, DateTimeOffset At)?> LastContactAsync(
        string customerKey, string topic, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var row = await GetAsync("contact-" + customerKey, InterventionCandidate.StorageKey(topic), cancellationToken);
        return row is null ? null : (row.GetString("ConversationId")!, row.GetDateTimeOffset("EventTime")!.Value);
    }

    /// <summary>Records the customer's latest contact on a topic, unless a later one is already recorded.</summary>
    /// <param name="contact">The contact (its customer key is set).</param>
    /// <param name="topic">The topic.</param>
    /// <param name="now">The time of writing.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task RecordContactAsync(
        InterventionCandidate contact, string topic, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var partition = "contact-" + contact.CustomerKey;
        var rowKey = InterventionCandidate.StorageKey(topic);
        var existing = await GetAsync(partition, rowKey, cancellationToken);
        if (existing?.GetDateTimeOffset("EventTime") is { } later && later > contact.EventTime)
        {
            return;
        }

        await table.UpsertEntityAsync(Situation(partition, rowKey, contact, now), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The RowKey of a listed intervention: decision time, then id, so a partition reads in decision order.</summary>
    private static string RowKeyOf(DateTimeOffset at, string id) =>
        at.UtcDateTime.ToString("yyyyMMddHHmmssfffffff", CultureInfo.InvariantCulture) + "-" + id;

    private static string CapPartition(string kind, DateTimeOffset periodStart) =>
        "cap-" + kind + "-" + periodStart.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    private static int Count(TableEntity? counter) => counter?.GetInt32("Count") ?? 0;

    private static TableTransactionAction Increment(
        TableEntity? counter, string partition, string rowKey, DateTimeOffset now, string? customer)
    {
        var next = new TableEntity(partition, rowKey) { ["Count"] = Count(counter) + 1, ["At"] = now, ["CustomerKey"] = customer };

        // Add fails with 409 if another instance created the counter meanwhile: the whole claim is then read again.
        return counter is null
            ? new(TableTransactionActionType.Add, next)
            : new(TableTransactionActionType.UpdateReplace, next, counter.ETag);
    }

    private static TableEntity Situation(string partition, string rowKey, InterventionCandidate c, DateTimeOffset now) =>
        new(partition, rowKey)
        {
            ["ConversationId"] = c.ConversationId,
            ["CustomerKey"] = c.CustomerKey,
            ["Team"] = c.Team,
            ["Queue"] = c.Queue,
            ["EventTime"] = c.EventTime,
            ["At"] = now,
        };

    private static InterventionCandidate ToSituation(TableEntity row, string kind) => new(
        kind, row.GetString("ConversationId") ?? string.Empty, row.GetString("CustomerKey"), row.GetString("Team"), row.GetString("Queue"),
        row.GetDateTimeOffset("EventTime") ?? DateTimeOffset.MinValue, string.Empty);

    private static InterventionRecord ToRecord(TableEntity row) => new(
        row.GetString("Id") ?? string.Empty, row.GetString("Kind") ?? string.Empty, row.GetString("Outcome") ?? string.Empty,
        row.GetString("RulesVersion") ?? string.Empty, row.GetString("ConversationId") ?? string.Empty, row.GetString("CustomerKey"),
        row.GetString("Team") ?? string.Empty, row.GetString("Queue"), row.GetDateTimeOffset("EventTime") ?? DateTimeOffset.MinValue,
        row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue, row.GetString("Detail") ?? string.Empty,
        row.GetString("Recipients") is { Length: > 0 } r ? r.Split(',') : []);

    private async Task<TableEntity?> GetAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    private async Task DeleteIfExistsAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partition, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone.
        }
    }
}
