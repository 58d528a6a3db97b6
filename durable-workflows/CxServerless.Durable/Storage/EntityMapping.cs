using Azure.Data.Tables;
using CxServerless.Durable.Client;
using CxServerless.Durable.History;
using CxServerless.Durable.Orchestration;

namespace CxServerless.Durable.Storage;

/// <summary>Maps state rows and history rows to table entities, spilling large payloads to blobs.</summary>
internal static class EntityMapping
{
    /// <summary>Failure details (stack traces) are cut to this length so a row stays small.</summary>
    public const int MaxFailureDetailChars = 8_000;

    public static async Task<TableEntity> WriteStateAsync(InstanceState s, PayloadStore payloads, DurableOptions options, CancellationToken ct)
    {
        var entity = new TableEntity(s.InstanceId, HistoryStore.StateRowKey)
        {
            ["Name"] = s.Name,
            ["Status"] = s.Status.ToString(),
            ["Generation"] = s.Generation,
            ["EventCount"] = s.EventCount,
            ["Episode"] = s.Episode,
            ["CreatedAt"] = s.CreatedAt,
            ["LastUpdatedAt"] = s.LastUpdatedAt,
            ["CompletedAt"] = s.CompletedAt,
            ["ParentInstanceId"] = s.ParentInstanceId,
            ["ParentGeneration"] = s.ParentGeneration,
            ["ParentSeq"] = s.ParentSeq,
        };
        await PutPayloadAsync(entity, "Input", s.InstanceId, s.Input, payloads, options, ct);
        await PutPayloadAsync(entity, "Output", s.InstanceId, s.Output, payloads, options, ct);
        await PutPayloadAsync(entity, "CustomStatus", s.InstanceId, s.CustomStatus, payloads, options, ct);
        PutFailure(entity, s.Failure);
        return entity;
    }

    public static async Task<InstanceState> ReadStateAsync(TableEntity e, PayloadStore payloads, CancellationToken ct) => new()
    {
        InstanceId = e.PartitionKey,
        Name = e.GetString("Name") ?? string.Empty,
        Status = Enum.Parse<WorkflowStatus>(e.GetString("Status") ?? nameof(WorkflowStatus.Pending)),
        Generation = e.GetInt32("Generation") ?? 0,
        EventCount = e.GetInt32("EventCount") ?? 0,
        Episode = e.GetInt32("Episode") ?? 0,
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        LastUpdatedAt = e.GetDateTimeOffset("LastUpdatedAt") ?? DateTimeOffset.MinValue,
        CompletedAt = e.GetDateTimeOffset("CompletedAt"),
        ParentInstanceId = e.GetString("ParentInstanceId"),
        ParentGeneration = e.GetInt32("ParentGeneration") ?? 0,
        ParentSeq = e.GetInt32("ParentSeq") ?? 0,
        Input = await payloads.ReadAsync(e.GetString("Input"), e.GetString("InputBlob"), ct),
        Output = await payloads.ReadAsync(e.GetString("Output"), e.GetString("OutputBlob"), ct),
        CustomStatus = await payloads.ReadAsync(e.GetString("CustomStatus"), e.GetString("CustomStatusBlob"), ct),
        Failure = ReadFailure(e),
    };

    public static async Task<TableEntity> WriteEventAsync(string instanceId, int generation, HistoryEvent h, PayloadStore payloads, DurableOptions options, CancellationToken ct)
    {
        var entity = new TableEntity(instanceId, HistoryStore.EventRowKey(generation, h.Index))
        {
            ["Kind"] = h.Kind.ToString(),
            ["Episode"] = h.Episode,
            ["At"] = h.Timestamp,
            ["Seq"] = h.Seq,
            ["Name"] = h.Name,
            ["FireAt"] = h.FireAt,
            ["EventId"] = h.EventId,
            ["Child"] = h.ChildInstanceId,
        };
        await PutPayloadAsync(entity, "Payload", instanceId, h.Payload, payloads, options, ct);
        PutFailure(entity, h.Failure);
        return entity;
    }

    public static async Task<HistoryEvent> ReadEventAsync(TableEntity e, int index, PayloadStore payloads, CancellationToken ct) => new()
    {
        Kind = Enum.Parse<HistoryEventKind>(e.GetString("Kind") ?? string.Empty),
        Index = index,
        Episode = e.GetInt32("Episode") ?? 0,
        Timestamp = e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
        Seq = e.GetInt32("Seq"),
        Name = e.GetString("Name"),
        FireAt = e.GetDateTimeOffset("FireAt"),
        EventId = e.GetString("EventId"),
        ChildInstanceId = e.GetString("Child"),
        Payload = await payloads.ReadAsync(e.GetString("Payload"), e.GetString("PayloadBlob"), ct),
        Failure = ReadFailure(e),
    };

    private static async Task PutPayloadAsync(TableEntity entity, string name, string instanceId, string? payload, PayloadStore payloads, DurableOptions options, CancellationToken ct)
    {
        var (inline, blob) = await payloads.SpillAsync(instanceId, payload, options.MaxInlinePayloadChars, ct);
        entity[name] = inline;
        entity[name + "Blob"] = blob;
    }

    private static void PutFailure(TableEntity entity, WorkflowFailure? failure)
    {
        entity["FailureType"] = failure?.ErrorType;
        entity["FailureMessage"] = Cut(failure?.Message);
        entity["FailureDetails"] = Cut(failure?.Details);
    }

    private static WorkflowFailure? ReadFailure(TableEntity e) =>
        e.GetString("FailureType") is { } type
            ? new WorkflowFailure(type, e.GetString("FailureMessage") ?? string.Empty, e.GetString("FailureDetails"))
            : null;

    private static string? Cut(string? text) =>
        text is { Length: > MaxFailureDetailChars } ? text[..MaxFailureDetailChars] : text;
}
