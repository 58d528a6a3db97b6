using Azure.Data.Tables;

namespace CxServerless.Functions.Storage;

/// <summary>
/// Azure Table Storage's limits, checked on our side because Azurite does not enforce them all (it accepts an
/// entity-group transaction that mixes partition keys, Azurite issue #1215). Sources: "Understanding the Table service
/// data model" and "Performing entity group transactions" (Azure Storage REST reference).
/// </summary>
public static class TableRules
{
    /// <summary>At most 100 operations per entity-group transaction.</summary>
    public const int MaxTransactionOperations = 100;

    /// <summary>A transaction's payload may not exceed 4 MiB.</summary>
    public const int MaxTransactionBytes = 4 * 1024 * 1024;

    /// <summary>An entity may not exceed 1 MiB.</summary>
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>PartitionKey and RowKey are strings of up to 1 KiB (512 UTF-16 characters).</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>A string or binary property may not exceed 64 KiB (a string holds up to 32 K UTF-16 characters).</summary>
    public const int MaxPropertyBytes = 64 * 1024;

    /// <summary>An entity has at most 255 properties, three of them the system properties.</summary>
    public const int MaxCustomProperties = 252;

    /// <summary>Checks a PartitionKey or RowKey: length and the characters the service forbids (/, \, #, ?, control characters).</summary>
    /// <exception cref="TableRuleViolationException">The key breaks a rule.</exception>
    public static void ValidateKey(string? key, string name)
    {
        if (key is null)
        {
            throw new TableRuleViolationException($"{name} is null.");
        }

        if (key.Length * 2 > MaxKeyBytes)
        {
            throw new TableRuleViolationException($"{name} is {key.Length} characters; the limit is {MaxKeyBytes / 2}.");
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new TableRuleViolationException($"{name} contains the character U+{(int)c:X4}, which Azure Tables forbids in keys.");
            }
        }
    }

    /// <summary>Checks one entity: keys, property count, property sizes and total size.</summary>
    /// <exception cref="TableRuleViolationException">The entity breaks a rule.</exception>
    public static void ValidateEntity(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ValidateKey(entity.PartitionKey, "PartitionKey");
        ValidateKey(entity.RowKey, "RowKey");
        if (entity is not TableEntity bag)
        {
            return;
        }

        var custom = bag.Keys.Where(k => !IsSystemProperty(k)).ToList();
        if (custom.Count > MaxCustomProperties)
        {
            throw new TableRuleViolationException($"The entity has {custom.Count} properties; the limit is {MaxCustomProperties}.");
        }

        foreach (var name in custom)
        {
            if (PropertySize(bag[name]) is var size && size > MaxPropertyBytes)
            {
                throw new TableRuleViolationException($"Property '{name}' is {size} bytes; the limit is {MaxPropertyBytes}.");
            }
        }

        var total = EntitySize(bag);
        if (total > MaxEntityBytes)
        {
            throw new TableRuleViolationException($"The entity is {total} bytes; the limit is {MaxEntityBytes}.");
        }
    }

    /// <summary>Checks an entity-group transaction: 1 to 100 operations, one partition key, no row twice, at most 4 MiB.</summary>
    /// <exception cref="TableRuleViolationException">The transaction breaks a rule.</exception>
    public static void ValidateTransaction(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > MaxTransactionOperations)
        {
            throw new TableRuleViolationException(
                $"A transaction holds 1 to {MaxTransactionOperations} operations; this one holds {actions.Count}.");
        }

        var partition = actions[0].Entity.PartitionKey;
        var rows = new HashSet<string>(StringComparer.Ordinal);
        long bytes = 0;
        foreach (var action in actions)
        {
            ValidateEntity(action.Entity);
            if (!string.Equals(action.Entity.PartitionKey, partition, StringComparison.Ordinal))
            {
                throw new TableRuleViolationException("A transaction may not mix partition keys (Azure rejects it; Azurite does not).");
            }

            if (!rows.Add(action.Entity.RowKey))
            {
                throw new TableRuleViolationException("A transaction may not touch the same row twice.");
            }

            bytes += EntitySize(action.Entity);
        }

        if (bytes > MaxTransactionBytes)
        {
            throw new TableRuleViolationException($"The transaction is about {bytes} bytes; the limit is {MaxTransactionBytes}.");
        }
    }

    /// <summary>
    /// The entity's size by the service's documented formula: 4 bytes + keys (2 bytes per character) + per property
    /// 8 bytes + name (2 bytes per character) + value size.
    /// </summary>
    public static long EntitySize(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        long size = 4 + ((entity.PartitionKey?.Length ?? 0) * 2L) + ((entity.RowKey?.Length ?? 0) * 2L);
        if (entity is TableEntity bag)
        {
            foreach (var (name, value) in bag)
            {
                if (!IsSystemProperty(name))
                {
                    size += 8 + (name.Length * 2L) + PropertySize(value);
                }
            }
        }

        return size;
    }

    private static long PropertySize(object? value) => value switch
    {
        null => 0,
        string s => 4 + (s.Length * 2L),
        byte[] b => 4 + b.Length,
        BinaryData d => 4 + d.ToMemory().Length,
        bool => 1,
        int => 4,
        Guid => 16,
        _ => 8,
    };

    private static bool IsSystemProperty(string name) =>
        name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag";
}
