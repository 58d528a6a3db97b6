using System.Text.Json;
using System.Text.Json.Serialization;
using CxServerless.Durable.Orchestration;

namespace CxServerless.Durable.Messaging;

/// <summary>
/// One engine message on a queue. A message names its instance, generation and step sequence number, so the receiver
/// can tell whether it is already applied (duplicates are dropped) and every resend is idempotent.
/// </summary>
internal sealed record WorkMessage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public required MessageKind Kind { get; init; }

    public required string InstanceId { get; init; }

    public int Generation { get; init; }

    public int Seq { get; init; }

    public string? Name { get; init; }

    public string? Payload { get; init; }

    public string? PayloadBlob { get; init; }

    public DateTimeOffset? FireAt { get; init; }

    public string? EventId { get; init; }

    public WorkflowFailure? Failure { get; init; }

    /// <summary>Serializes the message to queue text.</summary>
    public string ToText() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses queue text; null with a reason when it is not an engine message.</summary>
    public static WorkMessage? TryParse(string text, out string? error)
    {
        try
        {
            var message = JsonSerializer.Deserialize<WorkMessage>(text, Json);
            error = message is null || string.IsNullOrEmpty(message.InstanceId) ? "The message has no instance id." : null;
            return error is null ? message : null;
        }
        catch (JsonException ex)
        {
            error = $"The message is not an engine message: {ex.Message}";
            return null;
        }
    }
}
