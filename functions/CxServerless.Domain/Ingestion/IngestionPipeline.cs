using System.Text;
using System.Text.Json;
using CxServerless.Domain.Events;
using CxServerless.Domain.Ingestion.Privacy;
using CxServerless.Domain.Ingestion.Validation;

namespace CxServerless.Domain.Ingestion;

/// <summary>
/// The pure ingestion pipeline for one event: size and depth limits, parse, adapter selection, adaptation, validation,
/// normalisation (UTC, trimmed identifiers, mapped enums), PII masking and pseudonymisation, and the de-duplication key.
/// No I/O. Never throws for bad input: every event comes out accepted or rejected with a reason.
/// </summary>
public sealed class IngestionPipeline(AdapterRegistry registry, Pseudonymizer pseudonymizer, IngestionLimits limits)
{
    /// <summary>The source system recorded when no adapter could be chosen.</summary>
    public const string UnknownSource = "unknown";

    private readonly EventValidator _validator = new(limits);

    /// <summary>The limits in force.</summary>
    public IngestionLimits Limits => limits;

    /// <summary>
    /// The channels of recent cases and contacts, for events that do not carry their own (bounded, this process only).
    /// </summary>
    public CaseChannelMap Channels { get; } = new();

    /// <summary>
    /// Processes one delivered body that holds one event and returns its outcome; for a body that holds several (an
    /// export page, a list of records) it returns the first one's. The handler uses <see cref="ProcessAll"/>.
    /// </summary>
    public IngestionOutcome Process(RawEvent raw, DateTimeOffset receivedAt) => ProcessAll(raw, receivedAt)[0];

    /// <summary>
    /// Processes one delivered body: one outcome per event it holds (at least one). The ingest time is the event's
    /// enqueued time when known (so that a redelivery is judged exactly as the first delivery was), else
    /// <paramref name="receivedAt"/>. The second and later events of a body get the origin <c>{origin}#{index}</c>.
    /// </summary>
    public IReadOnlyList<IngestionOutcome> ProcessAll(RawEvent raw, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var ingestTime = (raw.EnqueuedTime ?? receivedAt).ToUniversalTime();
        if (Encoding.UTF8.GetByteCount(raw.Body) > limits.MaxBodyBytes)
        {
            var tooLarge = new Rejection(QuarantineReason.TooLarge, $"body is larger than {limits.MaxBodyBytes} bytes");
            return [Reject(raw, UnknownSource, tooLarge)];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(raw.Body, new JsonDocumentOptions { MaxDepth = limits.MaxDepth });
        }
        catch (JsonException)
        {
            return [Reject(raw, UnknownSource, ClassifyUnreadable(raw.Body))];
        }
        catch (ArgumentException)
        {
            // The text is not valid UTF-16 (a lone surrogate), so it cannot be JSON either.
            return [Reject(raw, UnknownSource, new Rejection(QuarantineReason.InvalidJson, "the body is not valid Unicode text"))];
        }

        using (document)
        {
            return ProcessDocument(raw, document.RootElement, ingestTime);
        }
    }

    private IngestionOutcome[] ProcessDocument(RawEvent raw, JsonElement root, DateTimeOffset ingestTime)
    {
        // Event Grid posts events as an array; a one-event array is that event.
        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() == 1)
        {
            root = root[0];
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return [Reject(raw, UnknownSource, new Rejection(QuarantineReason.UnknownFormat, "the body is not a single JSON object"))];
        }

        var selection = registry.Select(root, raw.Property(RawEvent.FormatProperty));
        if (selection.Adapter is not { } adapter)
        {
            return [Reject(raw, UnknownSource, selection.Rejection!)];
        }

        if (adapter is not IMultiEventSourceAdapter multi)
        {
            return [Complete(raw, 0, adapter.SourceSystem, adapter.Adapt(root), ingestTime)];
        }

        var results = multi.AdaptAll(root);
        if (results.Count == 0)
        {
            return [Reject(raw, adapter.SourceSystem, new Rejection(QuarantineReason.MissingField, "the payload holds no event"))];
        }

        var outcomes = new IngestionOutcome[results.Count];
        for (var i = 0; i < results.Count; i++)
        {
            outcomes[i] = Complete(raw, i, adapter.SourceSystem, results[i], ingestTime);
        }

        return outcomes;
    }

    private IngestionOutcome Complete(RawEvent raw, int index, string sourceSystem, AdapterResult adapted, DateTimeOffset ingestTime)
    {
        if (adapted.Event is not { } source)
        {
            return Reject(raw, sourceSystem, adapted.Rejection!, index);
        }

        if (source.EventTimeIsIngestTime)
        {
            source = source with { EventTime = ingestTime };
        }

        var problem = _validator.Validate(source, ingestTime);
        return problem is not null
            ? Reject(raw, sourceSystem, problem, index)
            : Accept(raw, index, sourceSystem, source, ChannelOf(raw, sourceSystem, source), ingestTime);
    }

    /// <summary>
    /// The payload's channel, else the <c>cx-channel</c> property, else the channel an earlier event of the same case or
    /// contact carried, else <see cref="CxChannel.Unknown"/>: a valid event is never refused for not naming its channel.
    /// </summary>
    private CxChannel ChannelOf(RawEvent raw, string sourceSystem, SourceEvent source)
    {
        var conversation = source.ConversationId.Trim();
        if (source.Channel is { } own)
        {
            Channels.Remember(sourceSystem, conversation, own);
            return own;
        }

        return ChannelFromProperty(raw) ?? Channels.Find(sourceSystem, conversation) ?? CxChannel.Unknown;
    }

    private IngestionOutcome Accept(
        RawEvent raw, int index, string sourceSystem, SourceEvent source, CxChannel channel, DateTimeOffset ingestTime)
    {
        var producerId = Clean(source.EventId);
        var eventId = producerId is null ? FallbackId(raw, index) : Protect(producerId, sourceSystem);
        var aliases = CustomerAliases(source, sourceSystem);
        var eventTime = source.EventTime.ToUniversalTime();
        var skew = (ingestTime - eventTime).TotalSeconds;
        var cx = new CxEvent
        {
            EventId = eventId,
            SourceSystem = sourceSystem,
            Type = source.Type,
            EventTime = eventTime,
            IngestTime = ingestTime,
            ConversationId = Protect(Clean(source.ConversationId)!, sourceSystem),
            Channel = channel,
            Queue = ProtectOptional(source.Queue, sourceSystem),
            Team = ProtectOptional(source.Team, sourceSystem),
            Region = ProtectOptional(source.Region, sourceSystem),
            AgentKey = Clean(source.AgentId) is { } agent ? pseudonymizer.Agent(agent, sourceSystem) : null,
            CustomerKey = aliases.Count > 0 ? aliases[0] : null,
            CustomerAliases = aliases,
            Measures = source.Measures,
            Outcome = source.Outcome,
            OutcomeReason = ProtectOptional(source.OutcomeReason, sourceSystem),
            Scores = source.Scores,
            Text = source.Text is { } text ? PiiMasker.Mask(text.Trim()) : null,
        };

        return new IngestionOutcome
        {
            SourceSystem = sourceSystem,
            Origin = OriginOf(raw, index),
            Event = cx,
            DedupeKey = DedupeKey(sourceSystem, producerId, eventId),
            SkewSeconds = skew,
            IsLate = skew > limits.LateAfter.TotalSeconds,
        };
    }

    /// <summary>
    /// The row key that makes insert-if-absent de-duplicate: a 128-bit hash of the source and the producer's id (or of the
    /// fallback id). An id that carries personal data is hashed with the secret key instead, so it cannot be guessed back.
    /// </summary>
    private string DedupeKey(string sourceSystem, string? producerId, string eventId)
    {
        var id = producerId ?? "@" + eventId;
        if (producerId is not null && eventId != producerId)
        {
            return pseudonymizer.Identifier(id, "dedupe:" + sourceSystem);
        }

        var text = $"{sourceSystem}|{id}";
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> bytes = max <= 1024 ? stackalloc byte[max] : new byte[max];
        var hash = System.IO.Hashing.XxHash128.Hash(bytes[..Encoding.UTF8.GetBytes(text, bytes)]);
        return "k-" + Convert.ToHexStringLower(hash);
    }

    private static readonly IdentifierKind[] Kinds = [IdentifierKind.Email, IdentifierKind.Phone, IdentifierKind.Account];

    private List<string> CustomerAliases(SourceEvent source, string sourceSystem)
    {
        var aliases = new List<string>(source.Customer.Count);
        foreach (var kind in Kinds)
        {
            foreach (var identifier in source.Customer)
            {
                if (identifier.Kind == kind && !string.IsNullOrWhiteSpace(identifier.Value) &&
                    pseudonymizer.Customer(identifier, sourceSystem) is var key && !aliases.Contains(key))
                {
                    aliases.Add(key);
                }
            }
        }

        return aliases;
    }

    private static string OriginOf(RawEvent raw, int index) => index == 0 ? raw.Origin : $"{raw.Origin}#{index}";

    private static IngestionOutcome Reject(RawEvent raw, string sourceSystem, Rejection rejection, int index = 0) => new()
    {
        SourceSystem = sourceSystem,
        Origin = OriginOf(raw, index),
        Rejection = rejection,
        MaskedPayload = PiiMasker.MaskPayload(raw.Body),
    };

    /// <summary>Tells "nested too deep" from "not JSON" with a bracket count outside strings (no second parse, no exception).</summary>
    private Rejection ClassifyUnreadable(string body)
    {
        var depth = 0;
        var deepest = 0;
        var inString = false;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c is '{' or '[')
            {
                deepest = Math.Max(deepest, ++depth);
            }
            else if (c is '}' or ']')
            {
                depth--;
            }
        }

        return deepest > limits.MaxDepth
            ? new Rejection(QuarantineReason.TooDeep, $"JSON nests deeper than {limits.MaxDepth} levels")
            : new Rejection(QuarantineReason.InvalidJson, "the body is not valid JSON");
    }

    private static CxChannel? ChannelFromProperty(RawEvent raw) =>
        Enum.TryParse<CxChannel>(
            raw.Property(RawEvent.ChannelProperty)?.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var c)
        && Enum.IsDefined(c)
            ? c
            : null;

    private static string FallbackId(RawEvent raw, int index)
    {
        // No sequence number: the body's hash identifies the delivery instead.
        var id = raw.SequenceNumber >= 0 ? $"eh-{raw.PartitionId}-{raw.SequenceNumber}" : $"eh-{raw.PartitionId}-h{raw.BodyHash()}";
        return index == 0 ? id : $"{id}#{index}";
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private string? ProtectOptional(string? value, string sourceSystem) => Clean(value) is { } v ? Protect(v, sourceSystem) : null;

    /// <summary>An identifier that carries personal data (an e-mail as ticket id, a phone as queue name) becomes a pseudonym.</summary>
    private string Protect(string value, string sourceSystem) =>
        PiiMasker.IdentifierContainsPii(value) ? pseudonymizer.Identifier(value, sourceSystem) : value;
}
