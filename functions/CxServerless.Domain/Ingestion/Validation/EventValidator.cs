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

        var tooLong = TooLong(e.EventId, "event id") ?? TooLong(e.ConversationId, "conversation id") ?? TooLong(e.Queue, "queue") ??
            TooLong(e.Team, "team") ?? TooLong(e.Region, "region") ?? TooLong(e.AgentId, "agent id") ??
            TooLong(e.OutcomeReason, "outcome reason");
        if (tooLong is not null)
        {
            return tooLong;
        }

        foreach (var identifier in e.Customer)
        {
            if (identifier.Value.Length > limits.MaxIdentifierLength)
            {
                return new Rejection(
                    QuarantineReason.TooLong, $"a customer identifier is longer than {limits.MaxIdentifierLength} characters");
            }
        }

        return e.Text is { Length: var t } && t > limits.MaxTextLength
            ? new Rejection(QuarantineReason.TooLong, $"text is longer than {limits.MaxTextLength} characters")
            : null;
    }

    private Rejection? TooLong(string? value, string name) =>
        value is { Length: var n } && n > limits.MaxIdentifierLength
            ? new Rejection(QuarantineReason.TooLong, $"{name} is longer than {limits.MaxIdentifierLength} characters")
            : null;

    private Rejection? Measures(CxMeasures m) =>
        Duration(m.WaitSeconds, "wait") ?? Duration(m.IvrSeconds, "ivr") ?? Duration(m.TalkSeconds, "talk") ??
        Duration(m.HoldSeconds, "hold") ??
        Duration(m.AfterContactWorkSeconds, "after-contact work") ?? Duration(m.FirstResponseSeconds, "first response") ??
        Duration(m.ResolutionSeconds, "resolution") ??
        (m.Transfers is < 0 or > 1000 ? new Rejection(QuarantineReason.OutOfRange, "transfers must lie between 0 and 1000") : null);

    private Rejection? Duration(double? value, string name) =>
        value is { } v && (v < 0 || v > limits.MaxDurationSeconds || !double.IsFinite(v))
            ? new Rejection(QuarantineReason.OutOfRange, $"{name} duration must lie between 0 and {limits.MaxDurationSeconds} seconds")
            : null;

    private static Rejection? Scores(CxScores s) =>
        s.Csat is < 1 or > 5 ? new Rejection(QuarantineReason.OutOfRange, "CSAT must lie between 1 and 5")
        : s.Nps is < 0 or > 10 ? new Rejection(QuarantineReason.OutOfRange, "NPS must lie between 0 and 10")
        : s.Ces is < 1 or > 7 ? new Rejection(QuarantineReason.OutOfRange, "CES must lie between 1 and 7")
        : s.Sentiment is { } x && (x < -1 || x > 1 || !double.IsFinite(x))
            ? new Rejection(QuarantineReason.OutOfRange, "sentiment must lie between -1 and 1")
        : null;

    private Rejection? Timestamp(DateTimeOffset eventTime, DateTimeOffset ingestTime) =>
        eventTime > ingestTime + limits.FutureTolerance
            ? new Rejection(QuarantineReason.FutureTimestamp, $"event time is more than {limits.FutureTolerance} after ingest time")
            : eventTime < ingestTime - limits.Retention
                ? new Rejection(QuarantineReason.Expired, $"event time is older than the retention of {limits.Retention.TotalDays} days")
                : null;
}
