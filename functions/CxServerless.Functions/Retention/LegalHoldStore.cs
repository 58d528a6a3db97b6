using Azure;
using Azure.Data.Tables;

namespace CxServerless.Functions.Retention;

/// <summary>
/// The LegalHolds table: PartitionKey the kind (<c>customer</c> or <c>case</c>), RowKey the pseudonym or case id.
/// Written only by OpsAdmin through the legal-hold API; never swept.
/// </summary>
public sealed class LegalHoldStore(TableClient table)
{
    private volatile bool _created;

    /// <summary>Sets a hold unless one with its kind and id stands; returns the hold in force and whether this call set it.</summary>
    public async Task<(LegalHold Hold, bool Created)> SetAsync(LegalHold hold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hold);
        await EnsureAsync(cancellationToken);
        var row = new TableEntity(hold.Kind, hold.Id)
        {
            ["Reason"] = hold.Reason,
            ["SetBy"] = hold.SetBy,
            ["SetAt"] = hold.SetAt,
        };
        try
        {
            await table.AddEntityAsync(row, cancellationToken);
            return (hold, true);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await table.GetEntityAsync<TableEntity>(hold.Kind, hold.Id, cancellationToken: cancellationToken);
            return (FromEntity(existing.Value), false);
        }
    }

    /// <summary>Lifts a hold; false when there was none.</summary>
    public async Task<bool> LiftAsync(string kind, string id, CancellationToken cancellationToken)
    {
        try
        {
            // The SDK reports a missing row as a 404 response rather than an exception.
            var response = await table.DeleteEntityAsync(kind, id, ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Every hold, customers first, each kind ordered by id.</summary>
    public async Task<IReadOnlyList<LegalHold>> ListAsync(CancellationToken cancellationToken)
    {
        var holds = new List<LegalHold>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
            {
                holds.Add(FromEntity(row));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table yet: no hold was ever set.
        }

        return holds;
    }

    /// <summary>The holds in force now, as sets the sweep checks rows against.</summary>
    public async Task<LegalHoldSet> SnapshotAsync(CancellationToken cancellationToken)
    {
        var holds = await ListAsync(cancellationToken);
        return new LegalHoldSet(
            holds.Where(h => h.Kind == LegalHoldKinds.Customer).Select(h => h.Id).ToHashSet(StringComparer.Ordinal),
            holds.Where(h => h.Kind == LegalHoldKinds.Case).Select(h => h.Id).ToHashSet(StringComparer.Ordinal));
    }

    private async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }
    }

    private static LegalHold FromEntity(TableEntity e) => new(
        e.PartitionKey, e.RowKey, e.GetString("Reason") ?? string.Empty, e.GetString("SetBy") ?? string.Empty,
        e.GetDateTimeOffset("SetAt") ?? DateTimeOffset.MinValue);
}
