using System.Globalization;
using Azure.Data.Tables;

namespace CxHost.FixtureHandler;

/// <summary>
/// Records what the handler saw in an Azure table: one row per invocation (PartitionKey = function name, columns
/// <c>Envelope</c> = the raw body in chunks, <c>InvocationId</c>), and one row per process start (PartitionKey <c>_starts</c>).
/// </summary>
internal sealed class InvocationRecorder(TableClient table)
{
    public const string StartsPartition = "_starts";
    private const int ChunkChars = 30_000;

    public async Task RecordStartAsync(CancellationToken cancellationToken)
    {
        await table.CreateIfNotExistsAsync(cancellationToken);
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        await table.AddEntityAsync(new TableEntity(StartsPartition, $"{DateTime.UtcNow.Ticks:D19}-{pid}") { ["Pid"] = pid }, cancellationToken);
    }

    public async Task RecordInvocationAsync(string function, string invocationId, string envelope, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(function, $"{DateTime.UtcNow.Ticks:D19}-{Guid.NewGuid():N}")
        {
            ["InvocationId"] = invocationId,
            ["Pid"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        };
        var chunks = envelope.Chunk(ChunkChars).Select(c => new string(c)).ToList();
        entity["Chunks"] = chunks.Count;
        for (var i = 0; i < chunks.Count; i++)
        {
            entity[$"Envelope{i}"] = chunks[i];
        }

        await table.AddEntityAsync(entity, cancellationToken);
    }
}
