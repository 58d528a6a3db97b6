using Azure.Data.Tables;

namespace CxServerless.Functions.Storage;

/// <summary>
/// Splits writes into entity-group transactions that obey <see cref="TableRules"/>: one partition, at most 100 operations and 4 MiB each.
/// </summary>
public static class TableTransactions
{
    /// <summary>Groups actions by partition key and cuts each group into valid transactions, in input order.</summary>
    public static IReadOnlyList<IReadOnlyList<TableTransactionAction>> Plan(IEnumerable<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var plans = new List<IReadOnlyList<TableTransactionAction>>();
        foreach (var partition in actions.GroupBy(a => a.Entity.PartitionKey, StringComparer.Ordinal))
        {
            var current = new List<TableTransactionAction>();
            long bytes = 0;
            foreach (var action in partition)
            {
                TableRules.ValidateEntity(action.Entity);
                var size = TableRules.EntitySize(action.Entity);
                if (current.Count == TableRules.MaxTransactionOperations || bytes + size > TableRules.MaxTransactionBytes)
                {
                    plans.Add(current);
                    current = [];
                    bytes = 0;
                }

                current.Add(action);
                bytes += size;
            }

            if (current.Count > 0)
            {
                plans.Add(current);
            }
        }

        return plans;
    }

    /// <summary>Validates and submits one transaction.</summary>
    /// <exception cref="TableRuleViolationException">The transaction breaks an Azure rule; nothing was sent.</exception>
    public static Task SubmitAsync(TableClient table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        TableRules.ValidateTransaction(actions);
        return table.SubmitTransactionAsync(actions, cancellationToken);
    }
}
