using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxServerless.Functions.Sentiment;

/// <summary>
/// A message on the sentiment queue (<c>CxSentimentQueue</c>): stored events to score, several per message. It holds only
/// what scoring and the <c>AverageSentiment</c> KPI need: the event's identity, its time, its slices and its masked text.
/// No customer or agent key, no conversation id, never raw text.
/// </summary>
/// <param name="Version">The message format version (1).</param>
/// <param name="Items">The events, at least one.</param>
public sealed record SentimentQueueMessage(int Version, IReadOnlyList<SentimentQueueItem> Items)
{
    /// <summary>The format version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>
    /// The most UTF-8 bytes of one message: well under the 64 KiB a queue message may hold, so that the service's own
    /// framing never tips it over.
    /// </summary>
    public const int MaxBytes = 48 * 1024;

    /// <summary>
    /// The most characters of text one item carries: at most three UTF-8 bytes each (six when escaped, which masked text
    /// rarely needs), so one item always fits a message. A longer text is cut there and flagged.
    /// </summary>
    public const int MaxTextChars = 7_500;

    /// <summary>JSON options: the source-generated contract, non-ASCII text written as UTF-8 rather than escaped.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(SentimentQueueJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The message as queue text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions.GetTypeInfo(typeof(SentimentQueueMessage)));

    /// <summary>One item as it appears in a message.</summary>
    public static string ItemJson(SentimentQueueItem item) =>
        JsonSerializer.Serialize(item, JsonOptions.GetTypeInfo(typeof(SentimentQueueItem)));

    /// <summary>Reads a message; null with a reason when the text is not one this code can score.</summary>
    public static SentimentQueueMessage? TryParse(string text, out string? problem)
    {
        SentimentQueueMessage? message;
        try
        {
            message = (SentimentQueueMessage?)JsonSerializer.Deserialize(text, JsonOptions.GetTypeInfo(typeof(SentimentQueueMessage)));
        }
        catch (JsonException ex)
        {
            problem = $"not JSON of a sentiment message ({ex.GetType().Name} at byte {ex.BytePositionInLine ?? 0})";
            return null;
        }

        problem = message switch
        {
            null => "empty message",
            { Version: not CurrentVersion } => $"version {message.Version} is not {CurrentVersion}",
            { Items: null or { Count: 0 } } => "no items",
            _ => message.Items.Select(ItemProblem).FirstOrDefault(p => p is not null),
        };
        return problem is null ? message : null;
    }

    private static string? ItemProblem(SentimentQueueItem? item, int index) => item switch
    {
        null => $"item {index} is null",
        { EventId: null or "" } or { Source: null or "" } => $"item {index} has no event identity",
        { Text: null or "" } => $"item {index} has no text",
        { EventTime.Ticks: 0 } => $"item {index} has no event time",
        { Slices: null or { Count: 0 } } => $"item {index} has no slices",
        _ when item.Slices.Any(s => !Domain.Analytics.Slices.Slice.TryParse(s, out _)) => $"item {index} has an unknown slice",
        _ => null,
    };
}

/// <summary>One stored event to score.</summary>
/// <param name="EventId">The event's id.</param>
/// <param name="Source">The event's source system (with the id, the identity the events table de-duplicates on).</param>
/// <param name="EventTime">The event time: the KPI minute the score counts in.</param>
/// <param name="Slices">The event's KPI slices in their text form (<c>all</c>, <c>channel=Chat</c>, <c>queue=billing</c>...).</param>
/// <param name="Text">The masked text, at most <see cref="SentimentQueueMessage.MaxTextChars"/> characters.</param>
/// <param name="Truncated">Whether the stored text was longer and only its start is here.</param>
public sealed record SentimentQueueItem(
    string EventId, string Source, DateTimeOffset EventTime, IReadOnlyList<string> Slices, string Text, bool Truncated);

/// <summary>Source-generated JSON of the sentiment queue messages (camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SentimentQueueMessage))]
[JsonSerializable(typeof(SentimentQueueItem))]
internal sealed partial class SentimentQueueJsonContext : JsonSerializerContext;
