using Azure.Data.Tables;

namespace CxServerless.Durable.Storage;

/// <summary>
/// Azure's entity-group transaction and entity rules, enforced before anything is sent because Azurite accepts some
/// transactions Azure rejects (for example mixed partition keys, Azurite issue #1215): one partition key, at most 100
/// operations, at most 4 MiB, valid keys, and at most 1 MiB per entity.
/// </summary>
public static class TransactionRules
{
    /// <summary>The most operations in one transaction.</summary>
    public const int MaxOperations = 100;

    /// <summary>The largest transaction payload, in bytes (4 MiB), less a margin for the multipart framing.</summary>
    public const int MaxBatchBytes = (4 * 1024 * 1024) - (64 * 1024);

    /// <summary>The largest entity, in bytes (1 MiB).</summary>
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>Framing bytes counted per operation (headers and boundaries).</summary>
    public const int OperationOverheadBytes = 512;

    /// <summary>Throws when <paramref name="actions"/> is not a transaction Azure would accept.</summary>
    /// <exception cref="TransactionRuleException">A rule is broken; the message names it.</exception>
    public static void Validate(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count == 0)
        {
            throw new TransactionRuleException("A transaction needs at least one operation.");
        }

        if (actions.Count > MaxOperations)
        {
            throw new TransactionRuleException($"A transaction holds at most {MaxOperations} operations; this one has {actions.Count}.");
        }

        var partition = actions[0].Entity.PartitionKey;
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        long bytes = 0;
        foreach (var action in actions)
        {
            var entity = action.Entity;
            if (!string.Equals(entity.PartitionKey, partition, StringComparison.Ordinal))
            {
                throw new TransactionRuleException("All operations of a transaction must share one partition key.");
            }

            if (KeyRules.Check(entity.PartitionKey) is { } pkProblem)
            {
                throw new TransactionRuleException($"The partition key {pkProblem}.");
            }

            if (KeyRules.Check(entity.RowKey) is { } rkProblem)
            {
                throw new TransactionRuleException($"A row key {rkProblem}.");
            }

            if (!rowKeys.Add(entity.RowKey))
            {
                throw new TransactionRuleException($"A transaction may touch each entity once; row key '{entity.RowKey}' appears twice.");
            }

            var size = EstimateBytes(entity);
            if (size > MaxEntityBytes)
            {
                throw new TransactionRuleException($"An entity holds at most {MaxEntityBytes} bytes; row '{entity.RowKey}' has about {size}.");
            }

            bytes += size + OperationOverheadBytes;
        }

        if (bytes > MaxBatchBytes)
        {
            throw new TransactionRuleException($"A transaction holds at most 4 MiB; this one has about {bytes} bytes.");
        }
    }

    /// <summary>An upper estimate of an entity's stored size: strings count 2 bytes per character, as Azure does.</summary>
    public static long EstimateBytes(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        long size = 4 + (2L * (entity.PartitionKey.Length + entity.RowKey.Length));
        if (entity is TableEntity table)
        {
            foreach (var (name, value) in table)
            {
                size += 8 + (2L * name.Length) + value switch
                {
                    string s => 4 + (2L * s.Length),
                    byte[] b => 4 + b.Length,
                    BinaryData d => 4 + d.ToMemory().Length,
                    _ => 16,
                };
            }
        }

        return size;
    }
}
