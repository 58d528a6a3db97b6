using CxServerless.Domain.Events;

namespace CxServerless.Domain.Ingestion.Validation;

/// <summary>
/// Checks an adapted event against the schema's rules: lengths, ranges (durations, survey scales) and timestamp sanity
/// against the ingest time. Returns the first rule broken, or null.
/// </summary>
public sealed class EventValidator(IngestionLimits limits)
{
    /// <summary>Validates <paramref name="source"/> received at <paramref name="ingestTime"/>.</summary>
    public Rejection? Validate(SourceEvent source, DateTimeOffset ingestTime)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Lengths(source) ?? Measures(source.Measures) ?? Scores(source.Scores) ?? Timestamp(source.EventTime, ingestTime);
    }

    private Rejection? Lengths(SourceEvent e)
    {
        if (string.IsNullOrWhiteSpace(e.ConversationId))
        {
            return new Rejection(QuarantineReason.MissingField, "conversation id is required");
        }

        foreach (var (name, value) in new[] { ("event id", e.EventId), ("conversation id", e.ConversationId), ("queue", e.Queue), ("team", e.Team), ("region", e.Region), ("agent id", e.AgentId), ("outcome reason", e.OutcomeReason) })
        {
            if (value is { Length: var n } && n > limits.MaxIdentifierLength)
            {
                return new Rejection(QuarantineReason.TooLong, $"{name} is longer than {limits.MaxIdentifierLength} characters");
            }
        }

        if (e.Customer.Any(c => c.Value.Length > limits.MaxIdentifierLength))
        {
            return new Rejection(QuarantineReason.TooLong, $"a customer identifier is longer than {limits.MaxIdentifierLength} characters");
        }

        return e.Text is { Length: var t } && t > limits.MaxTextLength
            ? new Rejection(QuarantineReason.TooLong, $"text is longer than {limits.MaxTextLength} characters")
            : null;
    }

    private Rejection? Measures(CxMeasures m)
    {
        foreach (var (name, value) in new[] { ("wait", m.WaitSeconds), ("ivr", m.IvrSeconds), ("talk", m.TalkSeconds), ("hold", m.HoldSeconds), ("after-contact work", m.AfterContactWorkSeconds), ("first response", m.FirstResponseSeconds), ("resolution", m.ResolutionSeconds) })
        {
            if (value is { } v && (v < 0 || v > limits.MaxDurationSeconds || !double.IsFinite(v)))
            {
                return new Rejection(QuarantineReason.OutOfRange, $"{name} duration must lie between 0 and {limits.MaxDurationSeconds} seconds");
            }
        }

        return m.Transfers is < 0 or > 1000 ? new Rejection(QuarantineReason.OutOfRange, "transfers must lie between 0 and 1000") : null;
    }

    private static Rejection? Scores(CxScores s) =>
        s.Csat is < 1 or > 5 ? new Rejection(QuarantineReason.OutOfRange, "CSAT must lie between 1 and 5")
        : s.Nps is < 0 or > 10 ? new Rejection(QuarantineReason.OutOfRange, "NPS must lie between 0 and 10")
        : s.Ces is < 1 or > 7 ? new Rejection(QuarantineReason.OutOfRange, "CES must lie between 1 and 7")
        : s.Sentiment is { } x && (x < -1 || x > 1 || !double.IsFinite(x)) ? new Rejection(QuarantineReason.OutOfRange, "sentiment must lie between -1 and 1")
        : null;

    private Rejection? Timestamp(DateTimeOffset eventTime, DateTimeOffset ingestTime) =>
        eventTime > ingestTime + limits.FutureTolerance
            ? new Rejection(QuarantineReason.FutureTimestamp, $"event time is more than {limits.FutureTolerance} after ingest time")
            : eventTime < ingestTime - limits.Retention
                ? new Rejection(QuarantineReason.Expired, $"event time is older than the retention of {limits.Retention.TotalDays} days")
                : null;
}
