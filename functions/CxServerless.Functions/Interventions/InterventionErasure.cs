using Azure.Data.Tables;
using CxServerless.Functions.Retention;

namespace CxServerless.Functions.Interventions;

/// <summary>
/// Erases a customer from the Interventions table for the erasure workflow: every row whose <c>CustomerKey</c> is the
/// pseudonym (listed interventions, waits, chat messages, the latest contact per topic, cap counters and claims).
/// </summary>
/// <remarks>
/// A filtered scan of the whole table: the rows that name a customer are spread over time partitions, and retention keeps
/// the table to <c>Retention__InterventionsDays</c>. The outbound queue and the staff notifications never name the
/// customer (they name the conversation), so there is nothing to erase there.
/// </remarks>
public sealed class InterventionErasure(InterventionStore store)
{
    /// <summary>Erases the customer's rows.</summary>
    /// <param name="customerKey">The customer's pseudonym.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Rows deleted.</returns>
    public async Task<long> EraseAsync(string customerKey, CancellationToken cancellationToken)
    {
        await store.EnsureAsync(cancellationToken);
        var (deleted, _) = await TableSweep.DeleteAllAsync(
            store.Table, TableClient.CreateQueryFilter($"CustomerKey eq {customerKey}"), cancellationToken);
        return deleted;
    }
}
