using System.Text.Json;

namespace CxServerless.Domain.Ingestion;

/// <summary>
/// Turns one vendor format into <see cref="SourceEvent"/>s. One class per format; the <see cref="AdapterRegistry"/>
/// selects it by the <c>cx-format</c> property or, failing that, by <see cref="Matches"/> (never by guessing).
/// </summary>
public interface ISourceAdapter
{
    /// <summary>The format name, used in the <c>cx-format</c> property (for example <c>amazon-connect-ctr</c>).</summary>
    string Format { get; }

    /// <summary>The source system recorded on events and counters (for example <c>amazon-connect</c>).</summary>
    string SourceSystem { get; }

    /// <summary>
    /// Top-level property names of which a payload must carry at least one for <see cref="Matches"/> to be true (a
    /// necessary condition, not a sufficient one). The registry finds the names a payload carries in one pass and asks
    /// only the adapters that could match; an empty list means "always ask".
    /// </summary>
    IReadOnlyList<string> Signature { get; }

    /// <summary>True when the payload carries this format's signature (its distinctive top-level fields).</summary>
    bool Matches(JsonElement root);

    /// <summary>Reads the payload. Expected bad input is returned as a <see cref="Rejection"/>, never thrown.</summary>
    AdapterResult Adapt(JsonElement root);
}

/// <summary>
/// An adapter whose payloads may hold several events (an export page, a list of records, a segment stream). The
/// pipeline calls <see cref="AdaptAll"/> instead of <see cref="ISourceAdapter.Adapt"/>; each result becomes one stored or
/// quarantined event, counted once.
/// </summary>
public interface IMultiEventSourceAdapter : ISourceAdapter
{
    /// <summary>Reads every event of the payload (at least one result), each an event or a rejection.</summary>
    IReadOnlyList<AdapterResult> AdaptAll(JsonElement root);
}
