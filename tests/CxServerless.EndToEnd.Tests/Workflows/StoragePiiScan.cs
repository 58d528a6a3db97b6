using Azure;
using Azure.Data.Tables;
using CxServerless.Testing;

namespace CxServerless.EndToEnd.Tests.Workflows;

/// <summary>
/// Looks for personal values in the clear in the app's storage on Azurite: every property of every table (the workflow
/// framework's History and Instances tables included), every message of every queue, every blob of the task hub's
/// containers. A value also matches with its punctuation and spacing removed (<c>+44 20 7946 0958</c> = <c>442079460958</c>).
/// </summary>
/// <remarks>
/// cx-host's own event log tables (<c>cxhub…</c>) are skipped: they are the local stand-in for Event Hubs, which holds what
/// producers sent, clear identifiers included, before the app masks them.
/// </remarks>
internal static class StoragePiiScan
{
    public static async Task<List<string>> FindAsync(AzuriteFixture azurite, string taskHub, IReadOnlyList<string> needles)
    {
        var findings = new List<string>();
        var scanned = 0;
        await foreach (var table in azurite.Tables.QueryAsync())
        {
            if (table.Name.StartsWith("cxhub", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            try
            {
                await foreach (var entity in azurite.Tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
                {
                    foreach (var (property, value) in entity)
                    {
                        scanned++;
                        Find(findings, needles, $"table {table.Name}/{entity.PartitionKey}/{entity.RowKey}/{property}", value?.ToString());
                    }
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Another test deleted its table while we listed: nothing of ours was in it.
            }
        }

        await foreach (var queue in azurite.Queues.GetQueuesAsync())
        {
            try
            {
                foreach (var message in (await azurite.Queues.GetQueueClient(queue.Name).PeekMessagesAsync(32)).Value)
                {
                    scanned++;
                    Find(findings, needles, $"queue {queue.Name}/{message.MessageId}", message.Body.ToString());
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Deleted meanwhile by another test.
            }
        }

        await foreach (var container in azurite.Blobs.GetBlobContainersAsync(prefix: taskHub.ToLowerInvariant()))
        {
            var client = azurite.Blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                scanned++;
                var content = await client.GetBlobClient(blob.Name).DownloadContentAsync();
                Find(findings, needles, $"blob {container.Name}/{blob.Name}", content.Value.Content.ToString());
            }
        }

        if (scanned < 100)
        {
            findings.Add($"only {scanned} values scanned: the scan saw too little to mean anything");
        }

        return findings;
    }

    private static void Find(List<string> findings, IReadOnlyList<string> needles, string where, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var compact = Compact(text);
        foreach (var needle in needles)
        {
            if (text.Contains(needle, StringComparison.OrdinalIgnoreCase) || compact.Contains(Compact(needle), StringComparison.Ordinal))
            {
                findings.Add($"\"{needle}\" found in {where}");
            }
        }
    }

    private static string Compact(string text) => new([.. text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
}
