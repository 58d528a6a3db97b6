using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CxServerless.Workflows.Privacy;

namespace CxServerless.Functions.Privacy;

/// <summary>
/// The ErasureRequests table: PartitionKey <c>erasure</c>, RowKey the request id. The <c>Subject</c> column holds the
/// customer's pseudonym from the request until its receipt is written, then it is removed; the clear identifier is never
/// stored. The receipt (<c>Receipt</c>, JSON) holds counts only.
/// </summary>
public sealed class ErasureRequestStore(TableClient table)
{
    /// <summary>The one partition.</summary>
    public const string Partition = "erasure";

    private volatile bool _created;

    /// <summary>The table.</summary>
    public TableClient Table => table;

    /// <summary>Stores a new request with its subject.</summary>
    public async Task CreateAsync(ErasureRequest request, string subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await EnsureTableAsync(cancellationToken);
        await table.AddEntityAsync(
            new TableEntity(Partition, request.RequestId)
            {
                ["IdentifierType"] = request.IdentifierType,
                ["Status"] = request.Status,
                ["RequestedAt"] = request.RequestedAt,
                ["RequestedBy"] = request.RequestedBy,
                ["Subject"] = subject,
            },
            cancellationToken);
    }

    /// <summary>Reads a request; null when unknown.</summary>
    public async Task<(ErasureRequest Request, string? Subject, ETag ETag)?> GetAsync(string requestId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, requestId, cancellationToken: cancellationToken);
            return response.HasValue ? (ToRequest(response.Value!), response.Value!.GetString("Subject"), response.Value!.ETag) : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null; // no table yet
        }
    }

    /// <summary>Sets the status (and when it started) under the row's ETag; false when the row changed meanwhile.</summary>
    public async Task<bool> TryMarkRunningAsync(string requestId, ETag etag, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(
                new TableEntity(Partition, requestId) { ["Status"] = ErasureStatuses.Running, ["StartedAt"] = at },
                etag,
                TableUpdateMode.Merge,
                cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Writes the receipt and the final status, and removes the subject (the row is replaced without it).</summary>
    public async Task CompleteAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entity = new TableEntity(Partition, request.RequestId)
        {
            ["IdentifierType"] = request.IdentifierType,
            ["Status"] = request.Status,
            ["RequestedAt"] = request.RequestedAt,
            ["RequestedBy"] = request.RequestedBy,
            ["StartedAt"] = request.StartedAt,
            ["CompletedAt"] = request.CompletedAt,
            ["Receipt"] = JsonSerializer.Serialize(request.Receipt, PrivacyJsonContext.Default.IReadOnlyListErasureItem),
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }
    }

    private static ErasureRequest ToRequest(TableEntity row)
    {
        var receipt = row.GetString("Receipt") is { Length: > 0 } json
            ? JsonSerializer.Deserialize(json, PrivacyJsonContext.Default.IReadOnlyListErasureItem) ?? []
            : [];
        return new ErasureRequest(
            row.RowKey,
            row.GetString("IdentifierType") ?? string.Empty,
            row.GetString("Status") ?? ErasureStatuses.Pending,
            row.GetDateTimeOffset("RequestedAt") ?? default,
            row.GetString("RequestedBy") ?? string.Empty,
            row.GetDateTimeOffset("StartedAt"),
            row.GetDateTimeOffset("CompletedAt"),
            receipt);
    }
}
