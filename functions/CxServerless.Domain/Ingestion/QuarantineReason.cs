namespace CxServerless.Domain.Ingestion;

/// <summary>
/// Why an event was quarantined instead of stored. Each value has a stable kebab-case code (<see cref="QuarantineReasons.Code"/>).
/// </summary>
public enum QuarantineReason
{
    /// <summary>The body is not valid JSON (<c>invalid-json</c>).</summary>
    InvalidJson,

    /// <summary>No adapter recognises the payload, or an explicit format hint names no adapter (<c>unknown-format</c>).</summary>
    UnknownFormat,

    /// <summary>More than one adapter recognises the payload; the pipeline never guesses (<c>ambiguous-format</c>).</summary>
    AmbiguousFormat,

    /// <summary>The format is known but this event type carries nothing the schema records (<c>unsupported-type</c>).</summary>
    UnsupportedType,

    /// <summary>A required field is absent or empty (<c>missing-field</c>).</summary>
    MissingField,

    /// <summary>
    /// A field has the wrong JSON type, an unparseable timestamp or an unmapped enumeration value (<c>invalid-field</c>).
    /// </summary>
    InvalidField,

    /// <summary>A number lies outside its documented range, for example a negative duration or a CSAT of 9 (<c>out-of-range</c>).</summary>
    OutOfRange,

    /// <summary>The event time lies further in the future than the allowed clock skew (<c>future-timestamp</c>).</summary>
    FutureTimestamp,

    /// <summary>The event time is older than the retention period (<c>expired</c>).</summary>
    Expired,

    /// <summary>The body exceeds the size limit (<c>too-large</c>).</summary>
    TooLarge,

    /// <summary>The body nests deeper than the depth limit (<c>too-deep</c>).</summary>
    TooDeep,

    /// <summary>A string field exceeds its length limit (<c>too-long</c>).</summary>
    TooLong,

    /// <summary>
    /// The pipeline failed on this event (a bug); it is kept in quarantine so that its neighbours still go through
    /// (<c>processing-error</c>).
    /// </summary>
    ProcessingError,
}

/// <summary>Codes for <see cref="QuarantineReason"/> as they appear in storage and in <c>GET /api/ops/ingestion</c>.</summary>
public static class QuarantineReasons
{
    private static readonly string[] Codes =
    [
        "invalid-json", "unknown-format", "ambiguous-format", "unsupported-type", "missing-field", "invalid-field",
        "out-of-range", "future-timestamp", "expired", "too-large", "too-deep", "too-long", "processing-error",
    ];

    /// <summary>Every reason, in declaration order.</summary>
    public static IReadOnlyList<QuarantineReason> All { get; } = Enum.GetValues<QuarantineReason>();

    /// <summary>The stable code of a reason, for example <c>unknown-format</c>.</summary>
    public static string Code(this QuarantineReason reason) => Codes[(int)reason];

    /// <summary>Finds the reason with the given code.</summary>
    public static bool TryParse(string? code, out QuarantineReason reason)
    {
        var index = Array.IndexOf(Codes, code);
        reason = index < 0 ? default : (QuarantineReason)index;
        return index >= 0;
    }
}
